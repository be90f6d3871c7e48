using MfaGateway.DemoApp.Html;

namespace MfaGateway.DemoApp.Public;

internal static class AboutPage
{
    public static IResult Render(HttpContext http)
    {
        var content = Markup.Of($"""
            <p>{PageLayout.BankName} has served its customers online since long before anyone asked for a second factor.</p>
            <p>Customers sign in with a username and a password. That is all this site knows about security.</p>
            <p>This is a demonstration application: it holds no real money, and its accounts reset whenever it restarts.</p>
            <p><a href="/login">Sign in to online banking</a></p>
            """);
        return PageLayout.Render(http, $"About {PageLayout.BankName}", content);
    }
}
