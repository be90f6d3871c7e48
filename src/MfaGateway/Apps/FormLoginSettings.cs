using MfaGateway.Policies;

namespace MfaGateway.Apps;

public sealed record FormLoginSettings(
    PathString LoginPath,
    string UsernameField,
    IReadOnlySet<int> SuccessStatus,
    PathPattern? SuccessRedirect,
    string SessionCookie,
    string AfterLoginPath,
    IReadOnlyList<PathPattern> LogoutPaths,
    int MaxBodyBytes)
{
    public bool IsLoginSubmission(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase);

    public bool IsLogout(HttpRequest request)
    {
        foreach (var pattern in LogoutPaths)
        {
            if (pattern.Matches(request.Path))
            {
                return true;
            }
        }

        return false;
    }
}
