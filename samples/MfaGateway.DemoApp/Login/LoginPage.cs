using MfaGateway.DemoApp.Html;
using MfaGateway.DemoApp.Sessions;

namespace MfaGateway.DemoApp.Login;

internal static class LoginPage
{
    public const string InvalidCredentials = "Invalid username or password.";
    public const string MissingCredentials = "Enter your username and password.";

    public static IResult Render(HttpContext http, string? username, string? returnUrl, string? error)
    {
        var content = Markup.Of($"""
            <p>Sign in to your online banking.</p>
            {PageLayout.ErrorMessage(error)}
            <form class="form" method="post" action="{SessionServices.LoginPath}">
            {AntiforgeryField.For(http)}
            <input type="hidden" name="returnUrl" value="{LocalReturnUrl.OrNull(returnUrl)}">
            <div class="field">
            <label for="username">Username</label>
            <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="{username}">
            </div>
            <div class="field">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            </div>
            <div class="field">
            <label><input name="{RememberMe.FormField}" type="checkbox" value="on"> Keep me signed in on this computer</label>
            </div>
            <button type="submit">Sign in</button>
            </form>
            """);
        return PageLayout.Render(http, "Sign in", content);
    }
}
