using System.Net;
using MfaGateway.Protocols.Otp;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>The steps a user takes through the demo bank and the gateway's pages.</summary>
public static class BankFlows
{
    /// <summary>Fetches the app's login form and submits it; returns the (unfollowed) answer.</summary>
    public static async Task<HttpResponseMessage> SubmitLoginAsync(Browser browser, string user, string password)
    {
        var (_, form) = await browser.GetPageAsync("/login");
        return await browser.SubmitAsync("/login", form, ("username", user), ("password", password));
    }

    /// <summary>Signs in as a user with no factor and enrols an authenticator; returns its secret.</summary>
    public static async Task<byte[]> SignInAndEnrolAsync(GatewayTestHost host, Browser browser, (string Name, string Password) user)
    {
        var login = await SubmitLoginAsync(browser, user.Name, user.Password);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var (page, html) = await browser.FollowAsync(login);
        Assert.Equal("/.mfa/enrol", page.RequestMessage!.RequestUri!.AbsolutePath);
        var secret = Base32.Decode(HtmlPage.TextOf(html, "secret")!);
        var done = await browser.SubmitAsync("/.mfa/enrol", html, ("Code", CodeAt(secret, host.Time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        return secret;
    }

    /// <summary>Signs in as an enrolled user, answering the challenge; returns the page reached.</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> SignInWithCodeAsync(GatewayTestHost host, Browser browser, (string Name, string Password) user, byte[] secret)
    {
        var login = await SubmitLoginAsync(browser, user.Name, user.Password);
        var (_, challenge) = await browser.FollowAsync(login);
        return await browser.FollowAsync(await browser.SubmitAsync("/.mfa/challenge", challenge, ("Code", CodeAt(secret, host.Time.GetUtcNow()))));
    }

    public static string CodeAt(byte[] secret, DateTimeOffset time, int stepOffset = 0)
    {
        using var key = new InMemoryOtpKey(secret);
        var totp = new Totp(key, TotpParameters.Default);
        return totp.ComputeCodeForStep(totp.GetTimeStep(time) + stepOffset);
    }
}
