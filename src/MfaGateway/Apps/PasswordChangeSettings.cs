using MfaGateway.Policies;

namespace MfaGateway.Apps;

/// <summary>
/// The app's own password-change form, watched like the login: a POST to <see cref="Path"/> by an
/// identified user whose answer has one of <see cref="SuccessStatus"/> (and, if set, a redirect
/// matching <see cref="SuccessRedirect"/>) means the password changed.
/// </summary>
public sealed record PasswordChangeSettings(PathString Path, IReadOnlySet<int> SuccessStatus, PathPattern? SuccessRedirect)
{
    public bool IsSubmission(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase);
}
