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

    /// <remarks>Indexed rather than enumerated: asked on every proxied request, where an enumerator would be an allocation.</remarks>
    public bool IsLogout(in CanonicalPath path)
    {
        for (var i = 0; i < LogoutPaths.Count; i++)
        {
            if (LogoutPaths[i].Matches(path))
            {
                return true;
            }
        }

        return false;
    }
}
