using MfaGateway.Policies;

namespace MfaGateway.Apps;

/// <param name="LoginPath">The login form's path in <see cref="CanonicalPath"/> form.</param>
public sealed record FormLoginSettings(
    string LoginPath,
    string UsernameField,
    IReadOnlySet<int> SuccessStatus,
    PathPattern? SuccessRedirect,
    string SessionCookie,
    string AfterLoginPath,
    IReadOnlyList<PathPattern> LogoutPaths,
    int MaxBodyBytes)
{
    /// <summary>Either reading of the path names the login form: a login the app would accept is never let past unwatched.</summary>
    public bool IsLoginPath(in CanonicalPath path) => path.Is(LoginPath);

    public bool IsLoginSubmission(HttpRequest request, in CanonicalPath path) =>
        HttpMethods.IsPost(request.Method) && IsLoginPath(path);

    public bool IsLogout(in CanonicalPath path)
    {
        foreach (var pattern in LogoutPaths)
        {
            if (pattern.Matches(path))
            {
                return true;
            }
        }

        return false;
    }
}
