using System.Net;
using MfaGateway.Challenges;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Functional;

public sealed class SignInFlowTests
{
    [Fact]
    public async Task New_user_signs_in_enrols_from_qr_page_verifies_and_reaches_dashboard()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);

        // The app accepted the password, but its session cookie is held back until MFA.
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/.mfa/challenge", login.Headers.Location!.OriginalString);
        Assert.Null(browser.Cookie("DemoSession"));

        var (enrolPage, html) = await browser.FollowAsync(login);
        Assert.Equal("/.mfa/enrol", enrolPage.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("data:image/png;base64,", html);
        Assert.Contains("Content-Security-Policy", string.Join(' ', enrolPage.Headers.Select(h => h.Key)));
        var secret = TotpSecrets.Decode(HtmlPage.TextOf(html, "secret")!);
        Assert.True(secret.Length >= 20, "secret must have at least 160 bits");

        var verified = await browser.SubmitAsync("/.mfa/enrol", html, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.NotNull(browser.Cookie("DemoSession"));
        Assert.NotNull(browser.Cookie("mfa-session-bank"));

        // Recovery codes are shown once, before continuing to where the app wanted to go.
        var codesPage = await verified.Content.ReadAsStringAsync();
        var codes = BankFlows.RecoveryCodes(codesPage);
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Contains("They are shown only now.", codesPage);
        Assert.Contains("download=\"recovery-codes.txt\"", codesPage);
        Assert.Equal("/", BankFlows.ContinueLink(codesPage));

        var (dashboard, body) = await browser.GetPageAsync(BankFlows.ContinueLink(codesPage));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Welcome, alice", body);
    }

    [Fact]
    public async Task Enrolment_page_shows_the_same_secret_when_reloaded()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        var (_, first) = await browser.FollowAsync(login);
        var (_, second) = await browser.GetPageAsync("/.mfa/enrol");

        Assert.Equal(HtmlPage.TextOf(first, "secret"), HtmlPage.TextOf(second, "secret"));
    }

    [Fact]
    public async Task Enrolment_completes_only_after_a_valid_code()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        var (_, html) = await browser.FollowAsync(login);
        var secret = TotpSecrets.Decode(HtmlPage.TextOf(html, "secret")!);

        var wrong = await browser.SubmitAsync("/.mfa/enrol", html, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow(), stepOffset: 5)));
        var wrongBody = await wrong.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("That code is not correct", wrongBody);
        Assert.Equal(HtmlPage.TextOf(html, "secret"), HtmlPage.TextOf(wrongBody, "secret"));
        Assert.Null(browser.Cookie("DemoSession"));

        // Nothing was enrolled: a new sign-in still lands on enrolment.
        using var second = host.NewBrowser();
        var (page, _) = await second.FollowAsync(await BankFlows.SubmitLoginAsync(second, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Equal("/.mfa/enrol", page.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Wrong_password_passes_through_untouched_and_costs_no_mfa()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var response = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, "not-the-password");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Invalid username or password.", body);
        Assert.Null(browser.Cookie(ChallengeCookie.Name));
        Assert.Null(browser.Cookie("DemoSession"));
    }

    [Fact]
    public async Task Enrolled_user_is_challenged_at_next_sign_in_and_passes_with_the_current_code()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using (var first = host.NewBrowser())
        {
            var secret = await BankFlows.SignInAndEnrolAsync(host, first, DemoUsers.Alice);
            host.Time.AdvanceToNextTimeStep();

            using var second = host.NewBrowser();
            var login = await BankFlows.SubmitLoginAsync(second, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
            var (challenge, html) = await second.FollowAsync(login);
            Assert.Equal("/.mfa/challenge", challenge.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains("Signed in as <strong>alice</strong>", html);
            Assert.Contains("Enter the code shown in your authenticator app.", html); // the factor's own prompt

            var (dashboard, body) = await second.FollowAsync(await second.SubmitAsync("/.mfa/challenge", html, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow()))));
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            Assert.Contains("Welcome, alice", body);
        }
    }

    [Fact]
    public async Task Code_computed_by_oathtool_for_the_enrolled_secret_is_accepted()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        var (_, html) = await browser.FollowAsync(login);
        var base32 = HtmlPage.TextOf(html, "secret")!.Replace(" ", string.Empty, StringComparison.Ordinal);

        var code = await Oathtool.TotpAsync(base32, host.Time.GetUtcNow());
        var verified = await browser.SubmitAsync("/.mfa/enrol", html, ("Code", code));

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.NotEmpty(BankFlows.RecoveryCodes(await verified.Content.ReadAsStringAsync()));
        Assert.NotNull(browser.Cookie("mfa-session-bank"));
    }
}
