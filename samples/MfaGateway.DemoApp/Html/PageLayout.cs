using MfaGateway.DemoApp.Sessions;

namespace MfaGateway.DemoApp.Html;

/// <summary>The frame every page shares: header with navigation, one main landmark, footer.</summary>
internal static class PageLayout
{
    public const string BankName = "Acme Legacy Bank";

    public static IResult Render(HttpContext http, string heading, Markup content, int statusCode = StatusCodes.Status200OK)
    {
        var page = Markup.Of($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{heading} | {BankName}</title>
            <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
            <header class="site-header">
            <a class="brand" href="/">{BankName}</a>
            {Navigation(http)}
            </header>
            <main>
            <h1>{heading}</h1>
            {content}
            </main>
            <footer class="site-footer">
            <a href="/public/about">About {BankName}</a>
            </footer>
            </body>
            </html>

            """);
        return Results.Content(page.Html, "text/html; charset=utf-8", statusCode: statusCode);
    }

    private static Markup Navigation(HttpContext http)
    {
        var username = http.User.SignedInUsername();
        if (username is null)
        {
            return Markup.Of($"""
                <nav aria-label="Main">
                <ul><li><a href="/login">Sign in</a></li></ul>
                </nav>
                """);
        }

        return Markup.Of($"""
            <nav aria-label="Main">
            <ul>
            <li><a href="/">Dashboard</a></li>
            <li><a href="/transfer">Transfer</a></li>
            <li><a href="/account/password">Change password</a></li>
            <li><a href="/api/account">API</a></li>
            </ul>
            <form class="sign-out" method="post" action="{SessionServices.LogoutPath}">
            {AntiforgeryField.For(http)}
            <span>Signed in as <strong>{username}</strong></span>
            <button type="submit">Sign out</button>
            </form>
            </nav>
            """);
    }

    /// <summary>An error paragraph that screen readers announce, or nothing.</summary>
    public static Markup ErrorMessage(string? message) =>
        message is null ? Markup.Empty : Markup.Of($"""<p class="message message-error" role="alert">{message}</p>""");

    /// <summary>A success paragraph announced politely, or nothing.</summary>
    public static Markup Notice(string? message) =>
        message is null ? Markup.Empty : Markup.Of($"""<p class="message message-success" role="status">{message}</p>""");
}
