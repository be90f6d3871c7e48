namespace MfaGateway.Configuration;

/// <summary>One protected application and how the gateway learns who its users are.</summary>
public sealed class AppOptions
{
    /// <summary>YARP route ids served by this app. Empty: every route no other app claims.</summary>
    public List<string> Routes { get; set; } = [];

    /// <summary>Apps in the same realm share users and factors; by default each app is its own realm.</summary>
    public string? Realm { get; set; }

    public IdentityOptions Identity { get; set; } = new();

    /// <summary>Requests under these paths always get JSON answers instead of pages.</summary>
    public List<string> ApiPaths { get; set; } = [];

    /// <summary>Policy applied right after a form login succeeds; defaults to the policy of the login path.</summary>
    public string? SignInPolicy { get; set; }

    /// <summary>The app's own password-change form, watched so that risk policies know the password changed.</summary>
    public PasswordChangeOptions? PasswordChange { get; set; }

    /// <summary>Insensitive (default: "Alice" is "alice") or Sensitive, for apps that keep them apart.</summary>
    public string UserNameCase { get; set; } = "Insensitive";

    /// <summary>Credentials the app accepts besides the one the gateway tracks; they never reach it unvouched.</summary>
    public CredentialOptions Credentials { get; set; } = new();

    /// <summary>Further request headers the app or its stack reads as identity (X-Forwarded-User, X-Real-IP...): always removed.</summary>
    public List<string> StripHeaders { get; set; } = [];
}

/// <summary>
/// The gateway vouches for one credential per app (the session cookie it bound at login, the trusted
/// header, the JWT). Anything else the app would accept as proof of a user could name someone else,
/// so on every route that is not Bypass it is removed before the request is forwarded.
/// </summary>
public sealed class CredentialOptions
{
    /// <summary>Cookie names, or prefixes ending in '*', the app accepts as proof of a user (remember-me, a second session).</summary>
    public List<string> Cookies { get; set; } = [];

    /// <summary>Request headers the app accepts as proof of a user. Unset: Authorization, except for Jwt apps (where it carries the token).</summary>
    public List<string>? Headers { get; set; }

    /// <summary>Every cookie a successful login response sets is a credential too, unless named in <see cref="NotCredentials"/>.</summary>
    public bool LearnFromLogin { get; set; } = true;

    /// <summary>Cookies a login response sets that do not prove who the user is (a language choice, a consent flag).</summary>
    public List<string> NotCredentials { get; set; } = [];
}

public sealed class PasswordChangeOptions
{
    /// <summary>Path the app's password-change form is POSTed to.</summary>
    public string? Path { get; set; }

    /// <summary>Response statuses that mean the password changed; empty means 302 and 303.</summary>
    public List<int> SuccessStatus { get; set; } = [];

    /// <summary>Optional path pattern the success redirect's Location must match.</summary>
    public string? SuccessRedirect { get; set; }
}

public sealed class IdentityOptions
{
    /// <summary>FormLogin, TrustedHeader or Jwt.</summary>
    public string? Source { get; set; }

    public FormLoginOptions FormLogin { get; set; } = new();

    public TrustedHeaderOptions TrustedHeader { get; set; } = new();

    public JwtOptions Jwt { get; set; } = new();
}

public sealed class FormLoginOptions
{
    public string? LoginPath { get; set; }

    public string UsernameField { get; set; } = "username";

    /// <summary>Response statuses that mean the password was accepted; empty means 302 and 303.</summary>
    /// <remarks>List defaults live in the compiler: the binder appends to a non-empty default list, so an operator could never narrow it.</remarks>
    public List<int> SuccessStatus { get; set; } = [];

    /// <summary>Optional path pattern the success redirect's Location must match.</summary>
    public string? SuccessRedirect { get; set; }

    /// <summary>The app's session cookie: success must set it, and the gateway session is bound to it.</summary>
    public string? SessionCookie { get; set; }

    /// <summary>Where to send the user after MFA when the app's success response was not a redirect.</summary>
    public string AfterLoginPath { get; set; } = "/";

    public List<string> LogoutPaths { get; set; } = [];

    /// <summary>Largest login body read to find the username; larger ones are refused, never passed unread.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}

public sealed class TrustedHeaderOptions
{
    public string Header { get; set; } = "X-Forwarded-User";

    /// <summary>Only peers in these networks may assert the header; from anyone else it is removed.</summary>
    public List<string> TrustedNetworks { get; set; } = [];
}

public sealed class JwtOptions
{
    /// <summary>Tokens are read from "Authorization: Bearer" and, when set, from this cookie.</summary>
    public string? Cookie { get; set; }

    public List<string> Issuers { get; set; } = [];

    public List<string> Audiences { get; set; } = [];

    /// <summary>Claim holding the user name.</summary>
    public string UserClaim { get; set; } = "sub";

    /// <summary>Accepted "alg" values; empty means RS256, ES256 and PS256. "none" is never accepted.</summary>
    public List<string> Algorithms { get; set; } = [];

    public List<JwtKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>A JSON Web Key Set URL, or an OIDC authority whose discovery document names one.</summary>
    public string? JwksUrl { get; set; }

    public string? Authority { get; set; }

    /// <summary>Metadata over plain HTTP is only for loopback test setups.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string ClockSkew { get; set; } = "1m";
}

public sealed class JwtKeyOptions
{
    /// <summary>PEM public key (RSA or EC).</summary>
    public string? Pem { get; set; }

    public string? PemFile { get; set; }

    /// <summary>Base64 shared secret for HS256/384/512.</summary>
    public string? Secret { get; set; }

    public string? KeyId { get; set; }
}
