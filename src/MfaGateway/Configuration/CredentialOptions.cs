namespace MfaGateway.Configuration;

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
