using MfaGateway.Apps;
using MfaGateway.Networking;
using MfaGateway.Policies;
using MfaGateway.Validation;
using MfaGateway.Web;

namespace MfaGateway.Configuration;

internal static class AppCompiler
{
    public static Dictionary<string, ProtectedApp> Compile(GatewayOptions options, CompiledPolicies policies, ISet<string> routeIds, ICollection<ConfigError> errors)
    {
        var apps = new Dictionary<string, ProtectedApp>(StringComparer.OrdinalIgnoreCase);
        if (options.Apps.Count == 0)
        {
            errors.Add("Gateway:Apps", "at least one app must be defined, saying how its users are identified");
        }

        foreach (var (name, app) in options.Apps)
        {
            var where = $"Gateway:Apps:{name}";
            if (!IsValidName(name))
            {
                errors.Add(where, "app names may use letters, digits, '-' and '_' only (they become part of cookie names)");
            }

            foreach (var route in app.Routes.Where(r => !routeIds.Contains(r)))
            {
                errors.Add($"{where}:Routes", $"no ReverseProxy route is named '{route}'");
            }

            if (!ConfigEnum.TryParse<IdentitySourceKind>(app.Identity.Source, out var source))
            {
                errors.Add($"{where}:Identity:Source", ConfigEnum.NotOneOf<IdentitySourceKind>(app.Identity.Source));
                continue;
            }

            var signInPolicy = app.SignInPolicy is null ? null : PolicyCompiler.Lookup(policies, app.SignInPolicy, $"{where}:SignInPolicy", errors);
            var effectiveSignIn = signInPolicy ?? (options.DefaultPolicy is null ? null : policies.GetValueOrDefault(options.DefaultPolicy));
            if (source == IdentitySourceKind.FormLogin && effectiveSignIn?.Level == PolicyLevel.Deny)
            {
                errors.Add($"{where}:SignInPolicy", $"the policy applied at sign-in ('{effectiveSignIn.Name}', the default unless SignInPolicy is set) cannot be Deny");
            }

            apps[name] = new ProtectedApp
            {
                Name = name,
                Realm = string.IsNullOrWhiteSpace(app.Realm) ? name : app.Realm.Trim(),
                Source = source,
                FormLogin = source == IdentitySourceKind.FormLogin ? CompileFormLogin(app.Identity.FormLogin, $"{where}:Identity:FormLogin", errors) : null,
                TrustedHeader = source == IdentitySourceKind.TrustedHeader ? CompileTrustedHeader(app.Identity.TrustedHeader, $"{where}:Identity:TrustedHeader", errors) : null,
                Jwt = source == IdentitySourceKind.Jwt ? JwtSettingsCompiler.Compile(app.Identity.Jwt, $"{where}:Identity:Jwt", errors) : null,
                ApiPaths = RuleCompiler.CompilePaths(app.ApiPaths, $"{where}:ApiPaths", errors),
                SignInPolicy = signInPolicy,
                PasswordChange = app.PasswordChange is null ? null : CompilePasswordChange(app.PasswordChange, $"{where}:PasswordChange", errors),
                UserNameCase = CompileUserNameCase(app.UserNameCase, $"{where}:UserNameCase", errors),
                Credentials = CredentialsCompiler.Compile(app, source, options.Session.CookieName, where, errors),
                SessionCookie = $"{options.Session.CookieName}-{name}",
                PublicUrl = CompilePublicUrl(app.PublicUrl, $"{where}:PublicUrl", errors),
                SecureSessionCookie = $"__Host-{options.Session.CookieName}-{name}",
            };
        }

        foreach (var realm in apps.Values.GroupBy(a => a.Realm, StringComparer.OrdinalIgnoreCase).Where(g => g.Select(a => a.UserNameCase).Distinct().Count() > 1))
        {
            errors.Add("Gateway:Apps", $"the apps of realm '{realm.Key}' ({string.Join(", ", realm.Select(a => a.Name))}) share users, so they must agree on UserNameCase");
        }

        return apps;
    }

    /// <summary>An origin: https, or http for a host on this machine (the demo); no path, query or credentials.</summary>
    private static Uri? CompilePublicUrl(string? value, string where, ICollection<ConfigError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.UserInfo.Length > 0
            || url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            errors.Add(where, $"'{value}' must be an origin such as \"https://bank.example\" (no path, query or credentials)");
            return null;
        }

        if (url.Scheme == "http" && !url.IsLoopback)
        {
            errors.Add(where, "links over http would carry the invitation in clear: use https (http only for a host on this machine)");
            return null;
        }

        return new Uri(url.GetLeftPart(UriPartial.Authority));
    }

    private static UserNameCase CompileUserNameCase(string value, string where, ICollection<ConfigError> errors)
    {
        if (ConfigEnum.TryParse<UserNameCase>(value, out var parsed))
        {
            return parsed;
        }

        errors.Add(where, ConfigEnum.NotOneOf<UserNameCase>(value));
        return UserNameCase.Insensitive;
    }

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static FormLoginSettings? CompileFormLogin(FormLoginOptions options, string where, ICollection<ConfigError> errors)
    {
        var count = errors.Count;
        string? loginPath = null;
        if (string.IsNullOrWhiteSpace(options.LoginPath) || !options.LoginPath.StartsWith('/'))
        {
            errors.Add($"{where}:LoginPath", "the app's login form path is required and must start with '/'");
        }
        else if ((loginPath = CanonicalPath.FromConfig(options.LoginPath, out var loginError)) is null)
        {
            errors.Add($"{where}:LoginPath", loginError!);
        }

        if (string.IsNullOrWhiteSpace(options.UsernameField))
        {
            errors.Add($"{where}:UsernameField", "required");
        }

        if (string.IsNullOrWhiteSpace(options.SessionCookie))
        {
            errors.Add($"{where}:SessionCookie", "the name of the app's session cookie is required; the gateway session is bound to it");
        }

        var (successStatus, successRedirect) = CompileSuccess(options.SuccessStatus, options.SuccessRedirect, "a correct password", where, errors);

        if (!ReturnUrl.IsLocal(options.AfterLoginPath))
        {
            errors.Add($"{where}:AfterLoginPath", $"'{options.AfterLoginPath}' must be a local path such as \"/\"");
        }

        if (options.MaxBodyBytes is < 1024 or > 1024 * 1024)
        {
            errors.Add($"{where}:MaxBodyBytes", "must be between 1024 and 1048576");
        }

        var logoutPaths = RuleCompiler.CompilePaths(options.LogoutPaths, $"{where}:LogoutPaths", errors);
        return errors.Count > count ? null : new FormLoginSettings(
            loginPath!,
            options.UsernameField,
            successStatus,
            successRedirect,
            options.SessionCookie!,
            options.AfterLoginPath,
            logoutPaths,
            options.MaxBodyBytes);
    }

    private static PasswordChangeSettings? CompilePasswordChange(PasswordChangeOptions options, string where, ICollection<ConfigError> errors)
    {
        var count = errors.Count;
        string? path = null;
        if (string.IsNullOrWhiteSpace(options.Path) || !options.Path.StartsWith('/'))
        {
            errors.Add($"{where}:Path", "the path the app's password-change form is posted to is required and must start with '/'");
        }
        else if ((path = CanonicalPath.FromConfig(options.Path, out var pathError)) is null)
        {
            errors.Add($"{where}:Path", pathError!);
        }

        var (successStatus, successRedirect) = CompileSuccess(options.SuccessStatus, options.SuccessRedirect, "a successful change", where, errors);

        return errors.Count > count
            ? null
            : new PasswordChangeSettings(path!, successStatus, successRedirect);
    }

    /// <summary>How a watched form's success looks: statuses (302 and 303 when none are listed) and an optional redirect pattern.</summary>
    private static (IReadOnlySet<int> Statuses, PathPattern? Redirect) CompileSuccess(List<int> statuses, string? redirect, string meaning, string where, ICollection<ConfigError> errors)
    {
        List<int> successStatus = statuses.Count == 0 ? [302, 303] : statuses;
        if (successStatus.Any(s => s is < 200 or > 399))
        {
            errors.Add($"{where}:SuccessStatus", $"list the 2xx/3xx statuses the app answers {meaning} with (e.g. [302])");
        }

        PathPattern? successRedirect = null;
        if (redirect is not null && !PathPattern.TryParse(redirect, out successRedirect, out var error))
        {
            errors.Add($"{where}:SuccessRedirect", error!);
        }

        return (successStatus.ToHashSet(), successRedirect);
    }

    private static TrustedHeaderSettings? CompileTrustedHeader(TrustedHeaderOptions options, string where, ICollection<ConfigError> errors)
    {
        var count = errors.Count;
        if (string.IsNullOrWhiteSpace(options.Header))
        {
            errors.Add($"{where}:Header", "required");
        }

        if (options.TrustedNetworks.Count == 0)
        {
            errors.Add($"{where}:TrustedNetworks", "list the networks of the SSO proxy; a header from anywhere else is ignored");
        }

        var networks = NetworkList.Parse(options.TrustedNetworks, $"{where}:TrustedNetworks", errors);
        return errors.Count > count ? null : new TrustedHeaderSettings(options.Header, networks, string.IsNullOrWhiteSpace(options.EmailHeader) ? null : options.EmailHeader.Trim());
    }
}
