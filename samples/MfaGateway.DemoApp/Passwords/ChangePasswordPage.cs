using MfaGateway.DemoApp.Html;

namespace MfaGateway.DemoApp.Passwords;

internal static class ChangePasswordPage
{
    public const string ChangedMessage = "Your password was changed.";

    public static IResult Render(HttpContext http, bool changed, string? error = null, int statusCode = StatusCodes.Status200OK)
    {
        var content = Markup.Of($"""
            {PageLayout.Notice(changed ? ChangedMessage : null)}
            {PageLayout.ErrorMessage(error)}
            <form class="form" method="post" action="{ChangePasswordEndpoints.Path}">
            {AntiforgeryField.For(http)}
            <div class="field">
            <label for="currentPassword">Current password</label>
            <input id="currentPassword" name="currentPassword" type="password" autocomplete="current-password" required>
            </div>
            <div class="field">
            <label for="newPassword">New password</label>
            <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" minlength="{ChangePasswordEndpoints.MinimumLength}" required aria-describedby="newPassword-hint">
            <p class="hint" id="newPassword-hint">At least {ChangePasswordEndpoints.MinimumLength} characters.</p>
            </div>
            <div class="field">
            <label for="confirmPassword">Confirm new password</label>
            <input id="confirmPassword" name="confirmPassword" type="password" autocomplete="new-password" required>
            </div>
            <button type="submit">Change password</button>
            </form>
            """);
        return PageLayout.Render(http, "Change password", content, statusCode);
    }
}
