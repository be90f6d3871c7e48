using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MfaGateway.Configuration;
using MfaGateway.Tests.Configuration;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.SelfService;
using MimeKit;

namespace MfaGateway.Tests.Factors.Email;

/// <summary>
/// EmailLink (epilot's portal mode): the sign-in e-mail carries a link beside the code, through the
/// real SMTP server. It works once, in the browser that signed in, for the code's lifetime; a mail
/// scanner's fetch and another browser spend nothing.
/// </summary>
public sealed partial class MagicLinkTests
{
    private const string SignInSubject = "sign-in code";

    [Fact]
    public async Task The_link_signs_in_once_in_the_browser_that_signed_in_and_nowhere_else()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var host = await StartHostAsync(smtp);
        var address = await EnrolAsync(host, smtp, DemoUsers.Alice);

        using var browser = host.NewBrowser();
        var (challenge, _) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Equal("/.mfa/challenge", challenge.RequestMessage!.RequestUri!.AbsolutePath);
        var mail = await smtp.NextMessageToAsync(address, subject: SignInSubject);
        var link = LinkIn(mail);
        Assert.StartsWith("https://bank.example/.mfa/link/", link, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Matches("[0-9]{6}", mail.TextBody);
        var path = new Uri(link).PathAndQuery;

        // A mail scanner, and another browser, open it: told where it works, nothing spent.
        foreach (var other in new[] { host.NewBrowser(), host.NewBrowser() })
        {
            using (other)
            {
                var (refused, page) = await other.GetPageAsync(path);
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
                Assert.Contains("only in the browser where you entered your password", page, StringComparison.Ordinal);
                Assert.Equal("origin", refused.Headers.GetValues("Referrer-Policy").Single());
            }
        }

        // The browser that signed in: GET shows a button and spends nothing (shown twice), the POST signs in.
        var (offer, offerPage) = await browser.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, offer.StatusCode);
        (_, offerPage) = await browser.GetPageAsync(path);
        Assert.Contains("Continue signing in", offerPage, StringComparison.Ordinal);
        SecurityFlows.AssertNoInlineScriptOrStyle(offerPage);
        var passed = await browser.SubmitAsync(path, offerPage);
        Assert.True(Browser.IsRedirect(passed.StatusCode), $"{(int)passed.StatusCode}");
        var (_, dashboard) = await browser.FollowAsync(passed);
        Assert.Contains("Welcome, alice", dashboard, StringComparison.Ordinal);

        // Used: the same link again is refused.
        var (again, againPage) = await browser.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("the link was used or has expired", againPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_used_in_the_wrong_challenge_or_after_its_lifetime_or_after_the_code_is_refused()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var host = await StartHostAsync(smtp);
        var address = await EnrolAsync(host, smtp, DemoUsers.Bob);

        // Bob signs in in two browsers: the first sign-in's link does not answer the second's challenge, and counts as a wrong answer.
        using var first = host.NewBrowser();
        await first.FollowAsync(await BankFlows.SubmitLoginAsync(first, DemoUsers.Bob.Name, DemoUsers.Bob.Password));
        var firstLink = new Uri(LinkIn(await smtp.NextMessageToAsync(address, subject: SignInSubject))).PathAndQuery;
        using var second = host.NewBrowser();
        await second.FollowAsync(await BankFlows.SubmitLoginAsync(second, DemoUsers.Bob.Name, DemoUsers.Bob.Password));
        var secondMail = await smtp.NextMessageToAsync(address, subject: SignInSubject);
        var (_, secondOffer) = await second.GetPageAsync(firstLink);
        var wrong = await second.SubmitAsync(firstLink, secondOffer);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("This link does not work here", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The code of the second e-mail signs in there; its link is dead after that.
        var (_, challengePage) = await second.GetPageAsync("/.mfa/challenge");
        var byCode = await second.SubmitAsync("/.mfa/challenge", challengePage, ("Method", "email"), ("Code", SixDigits().Match(secondMail.Subject ?? string.Empty).Value));
        Assert.True(Browser.IsRedirect(byCode.StatusCode));
        var (dead, _) = await second.GetPageAsync(new Uri(LinkIn(secondMail)).PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, dead.StatusCode);

        // The first browser's link, past the code's lifetime (5 minutes), no longer signs in.
        var (_, firstOffer) = await first.GetPageAsync(firstLink);
        host.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await first.SubmitAsync(firstLink, firstOffer);
        Assert.False(Browser.IsRedirect(late.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
    }

    [Fact]
    public void EmailLink_needs_email_among_the_factors_and_a_public_url()
    {
        var json = TestConfiguration.Valid.With(
            "\"signin\": { \"Level\": \"Required\", \"Factors\": [ \"totp\" ] }",
            "\"signin\": { \"Level\": \"Required\", \"Factors\": [ \"totp\" ], \"EmailLink\": true }");

        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        var messages = errors.Where(e => e.Key == "Gateway:Policies:signin:EmailLink").Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains("must allow email", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("set Gateway:Apps:bank:PublicUrl", StringComparison.Ordinal));
    }

    private static string LinkIn(MimeMessage mail) => LinkPattern().Match(mail.TextBody ?? string.Empty).Value;

    private static async Task<string> EnrolAsync(GatewayTestHost host, SmtpSink smtp, (string Name, string Password) user)
    {
        using var browser = host.NewBrowser();
        var address = $"{user.Name}-{Guid.NewGuid():N}@example.com";
        var (_, form) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, user.Name, user.Password));
        var sent = await browser.PostFormAsync("/.mfa/enrol?handler=SendCode", [new("__mfa_csrf", SecurityFlows.Token(form)), new("Method", "email"), new("Destination", address)]);
        var confirm = await smtp.NextMessageToAsync(address, subject: "confirms this address");
        Assert.DoesNotContain("/.mfa/link/", confirm.TextBody ?? string.Empty, StringComparison.Ordinal);
        var done = await browser.SubmitAsync("/.mfa/enrol", await sent.Content.ReadAsStringAsync(), ("Method", "email"), ("Code", SixDigits().Match(confirm.Subject ?? string.Empty).Value));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        return address;
    }

    private static Task<GatewayTestHost> StartHostAsync(SmtpSink smtp) => GatewayTestHost.StartAsync((config, _) =>
    {
        var gateway = config["Gateway"]!;
        gateway["Email"] = smtp.GatewayEmail();
        gateway["Policies"]!["signin"]!["Factors"] = new JsonArray("email");
        gateway["Policies"]!["signin"]!["EmailLink"] = true;
        gateway["Apps"]!["bank"]!["PublicUrl"] = "https://bank.example";
    });

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"https://bank\.example/\.mfa/link/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
