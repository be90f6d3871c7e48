using MfaGateway.Policies;

namespace MfaGateway.Apps;

/// <summary>A compiled application entry: how users are identified and which requests are API calls.</summary>
public sealed class ProtectedApp
{
    public required string Name { get; init; }

    /// <summary>Users and factors are shared by apps of one realm.</summary>
    public required string Realm { get; init; }

    public required IdentitySourceKind Source { get; init; }

    public FormLoginSettings? FormLogin { get; init; }

    public TrustedHeaderSettings? TrustedHeader { get; init; }

    public JwtSettings? Jwt { get; init; }

    public required IReadOnlyList<PathPattern> ApiPaths { get; init; }

    public RoutePolicy? SignInPolicy { get; init; }

    /// <summary>The app's password-change form, when the operator asked the gateway to watch it.</summary>
    public PasswordChangeSettings? PasswordChange { get; init; }

    /// <summary>Whether user names differing only in case are one user; all apps of a realm agree.</summary>
    public UserNameCase UserNameCase { get; init; }

    /// <summary>What the app accepts as proof of a user, and which of it the gateway vouches for.</summary>
    public AppCredentials Credentials { get; init; } = AppCredentials.None;

    /// <summary>The gateway session cookie's name over HTTP, and over HTTPS ("__Host-" prefixed).</summary>
    public required string SessionCookie { get; init; }

    /// <summary>The origin users reach the app at (scheme, host, port); invitation links point here. Null: not configured.</summary>
    public Uri? PublicUrl { get; init; }

    public required string SecureSessionCookie { get; init; }

    /// <summary>Either reading counts: an API client answered with a page is only an inconvenience.</summary>
    public bool IsApiPath(in CanonicalPath path)
    {
        foreach (var pattern in ApiPaths)
        {
            if (pattern.Matches(path))
            {
                return true;
            }
        }

        return false;
    }
}
