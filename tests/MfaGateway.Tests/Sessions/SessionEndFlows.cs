using System.Net;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.SelfService;

namespace MfaGateway.Tests.Sessions;

/// <summary>Two browsers of one user, saved cookies, and what "signed out" looks like from the outside.</summary>
public static class SessionEndFlows
{
    public const string AppCookie = "DemoSession";

    /// <summary>A second browser that signs in as <paramref name="user"/> with a code of its own (the next time step).</summary>
    public static async Task<Browser> SecondBrowserAsync(GatewayTestHost host, (string Name, string Password) user, byte[] secret)
    {
        host.Time.AdvanceToNextTimeStep();
        var browser = host.NewBrowser();
        var (_, body) = await BankFlows.SignInWithCodeAsync(host, browser, user, secret);
        Assert.Contains($"Welcome, {user.Name}", body);
        return browser;
    }

    /// <summary>A browser holding copies of the named cookies of <paramref name="original"/>, as an attacker who saved them would.</summary>
    public static Browser CopyOf(GatewayTestHost host, Browser original, params string[] names)
    {
        var copy = host.NewBrowser();
        foreach (var name in names)
        {
            var value = original.Cookie(name);
            Assert.NotNull(value);
            copy.SetCookie(name, value);
        }

        return copy;
    }

    /// <summary>Whether the browser still reaches the bank's dashboard as the user.</summary>
    public static async Task<bool> IsSignedInAsync(Browser browser, (string Name, string Password) user)
    {
        var response = await browser.GetAsync("/");
        return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains($"Welcome, {user.Name}", StringComparison.Ordinal);
    }

    /// <summary>
    /// The gateway itself sent the browser to sign in again (the app's own redirect carries a ReturnUrl)
    /// and discarded the app's session cookie: the app session is no longer vouched for.
    /// </summary>
    public static async Task AssertSentToSignInAsync(Browser browser)
    {
        var response = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.OriginalString);
        Assert.Null(browser.Cookie(AppCookie));
    }

}
