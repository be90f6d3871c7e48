namespace MfaGateway.Apps;

/// <summary>
/// What an app accepts as proof of a user, compiled. <see cref="TrackedCookie"/> is the one credential
/// the gateway vouches for (the form-login session cookie, a JWT app's token cookie); the others are
/// withheld from the app on every route that is not Bypass.
/// </summary>
public sealed record AppCredentials(
    string? TrackedCookie,
    IReadOnlyList<string> Cookies,
    IReadOnlyList<string> CookiePrefixes,
    IReadOnlyList<string> Headers,
    IReadOnlyList<string> StripHeaders,
    bool LearnFromLogin,
    IReadOnlySet<string> NotCredentials)
{
    public static readonly AppCredentials None = new(null, [], [], [], [], false, new HashSet<string>());

    /// <summary>Whether a cookie name the app's login set counts as one of its credentials.</summary>
    public bool IsLoginCredential(string name) =>
        LearnFromLogin && !NotCredentials.Contains(name) && !string.Equals(name, TrackedCookie, StringComparison.OrdinalIgnoreCase);
}
