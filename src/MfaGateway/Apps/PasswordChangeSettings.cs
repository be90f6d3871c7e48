using MfaGateway.Policies;

namespace MfaGateway.Apps;

/// <summary>
/// The app's own password-change form, watched like the login: a POST to <see cref="Path"/> (in
/// <see cref="CanonicalPath"/> form) by an identified user whose answer has one of
/// <see cref="SuccessStatus"/> (and, if set, a redirect matching <see cref="SuccessRedirect"/>)
/// means the password changed.
/// </summary>
public sealed record PasswordChangeSettings(string Path, IReadOnlySet<int> SuccessStatus, PathPattern? SuccessRedirect)
{
    /// <summary>Either reading of the path counts: a change the app may have made must not go unseen.</summary>
    public bool IsSubmission(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && CanonicalPath.Of(request).Is(Path);
}
