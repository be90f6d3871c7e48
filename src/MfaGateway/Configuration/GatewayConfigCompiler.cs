using MfaGateway.Factors;
using System.Collections.Frozen;
using MfaGateway.Networking;
using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>
/// Turns configuration into a <see cref="GatewayConfig"/>, collecting every error instead of stopping
/// at the first, so an operator fixes a config file in one pass. Each section has a compiler of its
/// own; this composes them and checks the settings of the "Gateway" section itself.
/// </summary>
public static class GatewayConfigCompiler
{
    public static GatewayConfig? Compile(IConfiguration configuration, out IReadOnlyList<ConfigError> errors)
    {
        var found = new List<ConfigError>();
        var options = Bind(configuration, found);
        var routes = ProxySectionReader.ReadRoutes(configuration);
        var routeIds = routes.Select(r => r.RouteId).ToHashSet(StringComparer.OrdinalIgnoreCase);

        CheckStartupSettings(options, found);
        var policies = PolicyCompiler.Compile(options, UnavailableFactors(options), found);
        var defaultPolicy = PolicyCompiler.Lookup(policies, options.DefaultPolicy, "Gateway:DefaultPolicy", found);
        var rules = RuleCompiler.Compile(options, policies, routeIds, found);
        var apps = AppCompiler.Compile(options, policies, routeIds, found);
        foreach (var linking in policies.Values.Where(p => p.EmailLink))
        {
            foreach (var app in apps.Values.Where(a => a.PublicUrl is null))
            {
                found.Add($"Gateway:Policies:{linking.Name}:EmailLink", $"sign-in links point to the app's address: set Gateway:Apps:{app.Name}:PublicUrl");
            }
        }

        var trustedProxies = NetworkList.Parse(options.TrustedProxies, "Gateway:TrustedProxies", found);
        var routePolicies = RouteMetadataCompiler.CompilePolicies(routes, policies, found);
        var (appsByRoute, defaultApp) = RouteMetadataCompiler.MapApps(options, routes, apps, found);
        var session = SessionCompiler.Compile(options.Session, found);
        var totp = TotpCompiler.Compile(options.Totp, found);
        var webAuthn = WebAuthnCompiler.Compile(options.WebAuthn, options.Issuer, found);
        var challenge = ChallengeCompiler.Compile(options.Challenge, found);
        var sentCodes = SentCodesCompiler.Compile(options.SentCodes, found);
        var email = EmailCompiler.Compile(options.Email, options.Issuer, found);

        // The host's own key for its environment (ASPNETCORE_ENVIRONMENT, --environment); Production when unset.
        var sms = SmsCompiler.Compile(options.Sms, configuration["environment"] ?? "Production", found);
        var notifications = NotificationsCompiler.Compile(options.Notifications, found);
        UpstreamHeadersCompiler.Check(options.UpstreamHeaders, found);
        var regulation = RegulationCompiler.Compile(options.Regulation, found);
        var selfService = SelfServiceCompiler.Compile(options.SelfService, found);
        var retention = RetentionCompiler.Compile(options.Retention, found);
        var admin = AdminCompiler.Compile(options.Admin, found);
        var stepUpApi = StepUpApiCompiler.Compile(options.StepUpApi, options.Apps, found);
        var risk = RiskSettingsCompiler.Compile(options.Risk, found);

        errors = found;
        if (found.HasErrors())
        {
            return null;
        }

        return new GatewayConfig
        {
            Issuer = options.Issuer,
            TrustedProxies = trustedProxies,
            Policies = policies.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            DefaultPolicy = defaultPolicy!,
            Rules = rules,
            RoutePolicies = routePolicies.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            Apps = apps.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            AppsByRoute = appsByRoute.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            DefaultApp = defaultApp,
            Session = session!,
            Totp = totp!,
            WebAuthn = webAuthn,
            Challenge = challenge!,
            SentCodes = sentCodes!,
            Email = email,
            Sms = sms,
            Notifications = notifications!,
            UpstreamHeaders = options.UpstreamHeaders,
            IdentityHeaders = [options.UpstreamHeaders.User, options.UpstreamHeaders.Factors, options.UpstreamHeaders.AuthenticatedAt, session!.Header],
            Regulation = regulation!,
            SelfService = selfService!,
            Retention = retention!,
            Admin = admin,
            StepUpApi = stepUpApi,
            Risk = risk!,
        };
    }

    /// <summary>The factor types that cannot be offered under these options, and what each is missing.</summary>
    private static Dictionary<string, string> UnavailableFactors(GatewayOptions options)
    {
        var unavailable = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!WebAuthnCompiler.IsConfigured(options.WebAuthn))
        {
            unavailable[FactorTypes.WebAuthn] = "Gateway:WebAuthn names no relying party (RelyingPartyId and Origins)";
        }

        if (!EmailCompiler.IsConfigured(options.Email))
        {
            unavailable[FactorTypes.Email] = "Gateway:Email names no SMTP server (Smtp:Host)";
        }

        if (!SmsCompiler.IsConfigured(options.Sms))
        {
            unavailable[FactorTypes.Sms] = "Gateway:Sms names no provider (Provider)";
        }

        return unavailable;
    }

    public static GatewayOptions Bind(IConfiguration configuration, ICollection<ConfigError> errors)
    {
        var section = configuration.GetSection(GatewayOptions.SectionName);
        if (!section.Exists())
        {
            errors.Add("Gateway", "the section is missing");
            return new GatewayOptions();
        }

        var shapeErrors = errors.ErrorCount();
        ConfigurationShapeChecker.Check(section, typeof(GatewayOptions), errors);
        if (errors.ErrorCount() > shapeErrors)
        {
            // Binding would stop at the first unconvertible value; the errors are listed already.
            return BindLeniently(section);
        }

        return section.Get<GatewayOptions>() ?? new GatewayOptions();
    }

    private static GatewayOptions BindLeniently(IConfigurationSection section)
    {
        try
        {
            return section.Get<GatewayOptions>() ?? new GatewayOptions();
        }
        catch (InvalidOperationException)
        {
            return new GatewayOptions();
        }
    }

    private static void CheckStartupSettings(GatewayOptions options, ICollection<ConfigError> errors)
    {
        var prefix = options.PathPrefix;
        if (prefix.Length < 2 || prefix[0] != '/' || prefix.EndsWith('/') || !prefix[1..].All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            errors.Add("Gateway:PathPrefix", $"'{prefix}' must be one path segment like \"/.mfa\"");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Gateway:DataDirectory", "required");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer) || options.Issuer.Contains(':'))
        {
            errors.Add("Gateway:Issuer", "required, without ':' (authenticator apps split the account label on it)");
        }
    }
}
