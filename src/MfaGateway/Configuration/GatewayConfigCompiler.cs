using System.Collections.Frozen;
using MfaGateway.Apps;
using MfaGateway.Networking;
using MfaGateway.Factors.Totp;
using OtpNet;

namespace MfaGateway.Configuration;

/// <summary>
/// Turns configuration into a <see cref="GatewayConfig"/>, collecting every error instead of stopping
/// at the first, so an operator fixes a config file in one pass.
/// </summary>
public static class GatewayConfigCompiler
{
    public static GatewayConfig? Compile(IConfiguration configuration, out IReadOnlyList<string> errors)
    {
        var found = new List<string>();
        var options = Bind(configuration, found);
        var routes = ProxySectionReader.ReadRoutes(configuration);
        var routeIds = routes.Select(r => r.RouteId).ToHashSet(StringComparer.OrdinalIgnoreCase);

        CheckStartupSettings(options, found);
        var policies = PolicyCompiler.Compile(options, found);
        var defaultPolicy = PolicyCompiler.Lookup(policies, options.DefaultPolicy, "Gateway:DefaultPolicy", found);
        var rules = RuleCompiler.Compile(options, policies, routeIds, found);
        var apps = AppCompiler.Compile(options, policies, routeIds, found);
        var trustedProxies = NetworkList.Parse(options.TrustedProxies, "Gateway:TrustedProxies", found);
        var routePolicies = CompileRoutePolicies(routes, policies, found);
        var (appsByRoute, defaultApp) = MapRoutesToApps(options, routes, apps, found);
        var session = CompileSession(options.Session, found);
        var totp = CompileTotp(options.Totp, found);
        var challenge = CompileChallenge(options.Challenge, found);
        CheckUpstreamHeaders(options.UpstreamHeaders, found);
        var regulation = CompileRegulation(options.Regulation, found);
        var selfService = CompileSelfService(options.SelfService, found);
        var retention = CompileRetention(options.Retention, found);
        var admin = CompileAdmin(options.Admin, found);
        var risk = RiskSettingsCompiler.Compile(options.Risk, found);

        errors = found;
        if (found.Count > 0)
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
            Challenge = challenge!,
            UpstreamHeaders = options.UpstreamHeaders,
            IdentityHeaders = [options.UpstreamHeaders.User, options.UpstreamHeaders.Factors, options.UpstreamHeaders.AuthenticatedAt, session!.Header],
            Regulation = regulation!,
            SelfService = selfService!,
            Retention = retention!,
            Admin = admin,
            Risk = risk!,
        };
    }

    public static GatewayOptions Bind(IConfiguration configuration, ICollection<string> errors)
    {
        var section = configuration.GetSection(GatewayOptions.SectionName);
        if (!section.Exists())
        {
            errors.Add("Gateway: the section is missing");
            return new GatewayOptions();
        }

        var shapeErrors = errors.Count;
        ConfigurationShapeChecker.Check(section, typeof(GatewayOptions), errors);
        if (errors.Count > shapeErrors)
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

    private static void CheckStartupSettings(GatewayOptions options, ICollection<string> errors)
    {
        var prefix = options.PathPrefix;
        if (prefix.Length < 2 || prefix[0] != '/' || prefix.EndsWith('/') || !prefix[1..].All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            errors.Add($"Gateway:PathPrefix: '{prefix}' must be one path segment like \"/.mfa\"");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Gateway:DataDirectory: required");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer) || options.Issuer.Contains(':'))
        {
            errors.Add("Gateway:Issuer: required, without ':' (authenticator apps split the account label on it)");
        }
    }

    private static Dictionary<string, Policies.RoutePolicy> CompileRoutePolicies(IReadOnlyList<ProxyRouteInfo> routes, CompiledPolicies policies, ICollection<string> errors)
    {
        var result = new Dictionary<string, Policies.RoutePolicy>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes.Where(r => r.PolicyName is not null))
        {
            if (PolicyCompiler.Lookup(policies, route.PolicyName, $"ReverseProxy:Routes:{route.RouteId}:Metadata:{ProxySectionReader.PolicyMetadataKey}", errors) is { } policy)
            {
                result[route.RouteId] = policy;
            }
        }

        return result;
    }

    private static (Dictionary<string, ProtectedApp> ByRoute, ProtectedApp? Default) MapRoutesToApps(
        GatewayOptions options, IReadOnlyList<ProxyRouteInfo> routes, IReadOnlyDictionary<string, ProtectedApp> apps, ICollection<string> errors)
    {
        var byRoute = new Dictionary<string, ProtectedApp>(StringComparer.OrdinalIgnoreCase);
        void Claim(string routeId, string appName, string where)
        {
            if (!apps.TryGetValue(appName, out var app))
            {
                if (!options.Apps.ContainsKey(appName))
                {
                    errors.Add($"{where}: unknown app '{appName}'");
                }

                return;
            }

            if (byRoute.TryGetValue(routeId, out var other) && other != app)
            {
                errors.Add($"{where}: route '{routeId}' is claimed by both '{other.Name}' and '{app.Name}'");
                return;
            }

            byRoute[routeId] = app;
        }

        foreach (var (appName, app) in options.Apps)
        {
            foreach (var routeId in app.Routes)
            {
                Claim(routeId, appName, $"Gateway:Apps:{appName}:Routes");
            }
        }

        foreach (var route in routes.Where(r => r.AppName is not null))
        {
            Claim(route.RouteId, route.AppName!, $"ReverseProxy:Routes:{route.RouteId}:Metadata:{ProxySectionReader.AppMetadataKey}");
        }

        var claiming = byRoute.Values.Select(a => a.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unclaimed = apps.Values.Where(a => !claiming.Contains(a.Name)).ToList();
        if (unclaimed.Count > 1)
        {
            errors.Add($"Gateway:Apps: {string.Join(", ", unclaimed.Select(a => a.Name))} name no routes; only one app may cover the routes nobody claims");
        }

        return (byRoute, unclaimed.Count == 1 ? unclaimed[0] : null);
    }

    private static SessionSettings? CompileSession(SessionOptions options, ICollection<string> errors)
    {
        var ok = true;
        if (!DurationParser.TryParse(options.Lifetime, out var lifetime))
        {
            errors.Add($"Gateway:Session:Lifetime: '{options.Lifetime}' is not a positive duration");
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(options.CookieName) || !options.CookieName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add($"Gateway:Session:CookieName: '{options.CookieName}' may use letters, digits, '-', '_' and '.' only");
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(options.Header))
        {
            errors.Add("Gateway:Session:Header: required");
            ok = false;
        }

        return ok ? new SessionSettings(options.CookieName, lifetime, options.Header) : null;
    }

    private static TotpSettings? CompileTotp(TotpOptions options, ICollection<string> errors)
    {
        var count = errors.Count;
        OtpHashMode algorithm = default;
        switch (options.Algorithm.ToUpperInvariant())
        {
            case "SHA1": algorithm = OtpHashMode.Sha1; break;
            case "SHA256": algorithm = OtpHashMode.Sha256; break;
            case "SHA512": algorithm = OtpHashMode.Sha512; break;
            default: errors.Add($"Gateway:Totp:Algorithm: '{options.Algorithm}' is not SHA1, SHA256 or SHA512"); break;
        }

        if (options.Digits is < TotpFactorSettings.MinDigits or > TotpFactorSettings.MaxDigits)
        {
            errors.Add($"Gateway:Totp:Digits: {options.Digits} is outside 6..8 (RFC 4226)");
        }

        if (options.Window is < 0 or > TotpCodeVerifier.MaxWindow)
        {
            errors.Add($"Gateway:Totp:Window: {options.Window} is outside 0..10 time steps");
        }

        return errors.Count > count ? null : new TotpSettings(TotpFactorSettings.Default with { Algorithm = algorithm, Digits = options.Digits }, options.Window);
    }

    private static ChallengeSettings? CompileChallenge(ChallengeOptions options, ICollection<string> errors)
    {
        var count = errors.Count;
        if (!DurationParser.TryParse(options.Lifetime, out var lifetime))
        {
            errors.Add($"Gateway:Challenge:Lifetime: '{options.Lifetime}' is not a positive duration");
        }

        if (options.MaxFailures is < 1 or > 20)
        {
            errors.Add($"Gateway:Challenge:MaxFailures: {options.MaxFailures} is outside 1..20");
        }

        if (options.MaxConsecutiveUserFailures is < 1 or > 100)
        {
            errors.Add($"Gateway:Challenge:MaxConsecutiveUserFailures: {options.MaxConsecutiveUserFailures} is outside 1..100 (NIST SP 800-63B 5.2.2 allows at most 100)");
        }

        if (options.MaxPreservedFormBytes is < 0 or > 1024 * 1024)
        {
            errors.Add($"Gateway:Challenge:MaxPreservedFormBytes: {options.MaxPreservedFormBytes} is outside 0..1048576");
        }

        return errors.Count > count ? null : new ChallengeSettings(lifetime, options.MaxFailures, options.MaxConsecutiveUserFailures, options.MaxPreservedFormBytes);
    }

    private static RegulationSettings? CompileRegulation(RegulationOptions options, ICollection<string> errors)
    {
        RegulationLimit? Limit(RegulationLimitOptions limit, string where)
        {
            var count = errors.Count;
            if (limit.MaxFailures is < 0 or > 1000)
            {
                errors.Add($"{where}:MaxFailures: {limit.MaxFailures} is outside 0..1000 (0 turns the limit off)");
            }

            if (!DurationParser.TryParse(limit.Window, out var window))
            {
                errors.Add($"{where}:Window: '{limit.Window}' is not a positive duration");
            }

            if (!DurationParser.TryParse(limit.BanTime, out var ban))
            {
                errors.Add($"{where}:BanTime: '{limit.BanTime}' is not a positive duration");
            }

            return errors.Count > count ? null : new RegulationLimit(limit.MaxFailures, window, ban);
        }

        var user = Limit(options.User, "Gateway:Regulation:User");
        var client = Limit(options.Client, "Gateway:Regulation:Client");
        return user is null || client is null ? null : new RegulationSettings(user, client);
    }

    private static Retention.RetentionSettings? CompileRetention(RetentionOptions options, ICollection<string> errors)
    {
        var count = errors.Count;
        TimeSpan Duration(string? value, string key)
        {
            if (DurationParser.TryParse(value, out var duration))
            {
                return duration;
            }

            errors.Add($"Gateway:Retention:{key}: '{value}' is not a positive duration");
            return TimeSpan.Zero;
        }

        var settings = new Retention.RetentionSettings(
            Duration(options.Audit, nameof(options.Audit)),
            Duration(options.KnownDevices, nameof(options.KnownDevices)),
            Duration(options.KnownPlaces, nameof(options.KnownPlaces)),
            Duration(options.ExpiredTrustedDevices, nameof(options.ExpiredTrustedDevices)),
            Duration(options.Interval, nameof(options.Interval)),
            options.BatchSize);
        if (options.BatchSize is < 1 or > 100_000)
        {
            errors.Add($"Gateway:Retention:BatchSize: {options.BatchSize} is outside 1..100000");
        }

        if (settings.Interval > TimeSpan.Zero && (settings.Interval < TimeSpan.FromMinutes(1) || settings.Interval > TimeSpan.FromDays(7)))
        {
            errors.Add($"Gateway:Retention:Interval: '{options.Interval}' is outside 1m..7d");
        }

        return errors.Count > count ? null : settings;
    }

    private static SelfServiceSettings? CompileSelfService(SelfServiceOptions options, ICollection<string> errors)
    {
        if (DurationParser.TryParse(options.MaxAge, out var maxAge))
        {
            return new SelfServiceSettings(maxAge);
        }

        errors.Add($"Gateway:SelfService:MaxAge: '{options.MaxAge}' is not a positive duration");
        return null;
    }

    private static AdminSettings CompileAdmin(AdminOptions options, ICollection<string> errors)
    {
        var keys = new List<AdminKey>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var where = $"Gateway:Admin:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                errors.Add($"{where}:Name: required (it is recorded with every admin action)");
            }

            if (key.Sha256 is not { Length: 64 } hex || !hex.All(char.IsAsciiHexDigit))
            {
                errors.Add($"{where}:Sha256: the hex SHA-256 of the key (64 characters) is required; the key itself never goes in config (`MfaGateway admin-key` makes a key and its hash)");
                continue;
            }

            keys.Add(new AdminKey(key.Name ?? string.Empty, Convert.FromHexString(hex)));
        }

        if (keys.Select(k => k.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != keys.Count)
        {
            errors.Add("Gateway:Admin:ApiKeys: names must be different");
        }

        var networks = options.Networks.Count == 0 ? null : NetworkList.Parse(options.Networks, "Gateway:Admin:Networks", errors);
        return new AdminSettings(keys, networks, options.PublicOpenApi);
    }

    private static void CheckUpstreamHeaders(UpstreamHeaderOptions options, ICollection<string> errors)
    {
        string[] names = [options.User, options.Factors, options.AuthenticatedAt];
        if (names.Any(string.IsNullOrWhiteSpace) || names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Length)
        {
            errors.Add("Gateway:UpstreamHeaders: User, Factors and AuthenticatedAt must be three different header names");
        }
    }
}
