using MfaGateway.Apps;
using MfaGateway.Identity;
using MfaGateway.Policies;
using MfaGateway.Sessions;
using MfaGateway.Storage;

namespace MfaGateway.PasswordChanges;

/// <summary>
/// Watches the app's own password-change form, as the login form is watched: when a user the gateway
/// vouched for posts it and the app answers with the configured success, the change is recorded.
/// The app's answer itself goes out untouched.
/// </summary>
public sealed class PasswordChangeWatcher(IUserStore users, PasswordChangeRecorder recorder)
{
    public static bool Watches(ProtectedApp? app, HttpRequest request) =>
        app?.PasswordChange is { } change && change.IsSubmission(request);

    /// <param name="changer">The gateway session the change was made through.</param>
    public async Task OnResponseAsync(HttpContext context, ProtectedApp app, GatewaySession changer)
    {
        var change = app.PasswordChange!;
        var response = context.Response;
        if (!change.SuccessStatus.Contains(response.StatusCode))
        {
            return; // rejected (wrong current password, mismatch): nothing changed
        }

        if (change.SuccessRedirect is not null
            && (AppResponses.LocalPath(response.Headers.Location.ToString(), context.Request) is not { } target
                || !change.SuccessRedirect.Matches(CanonicalPath.Of(target.Split('?', 2)[0]))))
        {
            return;
        }

        var user = await users.FindAsync(app.Realm, changer.User, context.RequestAborted);
        if (user is not null)
        {
            await recorder.RecordAsync(context, user, "watched form", changer, context.RequestAborted);
        }
    }
}
