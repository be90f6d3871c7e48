using System.Net;

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
    public static async Task<byte[]> SignInAndEnrolAsync(GatewayTestHost host, Browser browser, (string Name, string Password) user) =>
        (await SignInAndEnrolWithCodesAsync(host, browser, user)).Secret;

    /// <summary>
    /// Signs in, enrols an authenticator, reads the recovery codes shown once after enrolment, and
    /// continues to the app as the user would.
    /// </summary>
    public static async Task<Enrolled> SignInAndEnrolWithCodesAsync(GatewayTestHost host, Browser browser, (string Name, string Password) user)
    {
        var login = await SubmitLoginAsync(browser, user.Name, user.Password);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var (page, html) = await browser.FollowAsync(login);
        Assert.Equal("/.mfa/enrol", page.RequestMessage!.RequestUri!.AbsolutePath);
        var secret = TotpSecrets.Decode(HtmlPage.TextOf(html, "secret")!);
        var done = await browser.SubmitAsync("/.mfa/enrol", html, ("Code", CodeAt(secret, host.Time.GetUtcNow())));
        var codesPage = await done.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var codes = RecoveryCodes(codesPage);
        Assert.NotEmpty(codes);
        return new Enrolled(secret, codes, ContinueLink(codesPage));
    }

    /// <summary>The recovery codes listed on the page shown after a first enrolment.</summary>
    public static IReadOnlyList<string> RecoveryCodes(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "<li><code>([0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5})</code></li>").Select(m => m.Groups[1].Value)];

    /// <summary>The "Continue" link of a page shown after passing.</summary>
    public static string ContinueLink(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "<a class=\"button\" href=\"([^\"]*)\">Continue</a>").Groups[1].Value);

    /// <summary>Signs in as an enrolled user, answering the challenge; returns the page reached.</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> SignInWithCodeAsync(GatewayTestHost host, Browser browser, (string Name, string Password) user, byte[] secret)
    {
        var login = await SubmitLoginAsync(browser, user.Name, user.Password);
        var (_, challenge) = await browser.FollowAsync(login);
        return await browser.FollowAsync(await browser.SubmitAsync("/.mfa/challenge", challenge, ("Code", CodeAt(secret, host.Time.GetUtcNow()))));
    }

    /// <summary>
    /// A code of the right shape that is valid for <paramref name="secret"/> in no step the gateway
    /// accepts around <paramref name="now"/> (a fixed "wrong" code such as 000000 is right one time in a million).
    /// </summary>
    public static string WrongCodeFor(byte[] secret, DateTimeOffset now)
    {
        var valid = Enumerable.Range(-3, 7).Select(step => CodeAt(secret, now, step)).ToHashSet();
        return Enumerable.Range(0, 1000).Select(n => n.ToString("000000", System.Globalization.CultureInfo.InvariantCulture)).First(code => !valid.Contains(code));
    }

    /// <summary>The code an authenticator app with the default parameters (SHA-1, 6 digits, 30 s) shows, computed with Otp.NET.</summary>
    public static string CodeAt(byte[] secret, DateTimeOffset time, int stepOffset = 0) =>
        new OtpNet.Totp(secret).ComputeTotp(time.UtcDateTime.AddSeconds(30.0 * stepOffset));
}

/// <param name="ContinueUrl">Where the page after enrolment continues to.</param>
public sealed record Enrolled(byte[] Secret, IReadOnlyList<string> RecoveryCodes, string ContinueUrl);
