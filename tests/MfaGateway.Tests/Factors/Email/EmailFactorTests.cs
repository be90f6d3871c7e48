using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.SelfService;
using MimeKit;

namespace MfaGateway.Tests.Factors.Email;

/// <summary>
/// The email factor on the hosted pages, through a real SMTP server on loopback (aiosmtpd, STARTTLS
/// and AUTH, its certificate pinned): enrol by confirming the address, sign in with the code, a wrong
/// code, a resend, an expired code; and a server that is down.
/// </summary>
public sealed partial class EmailFactorTests
{
    [Fact]
    public async Task A_user_enrols_an_address_with_the_code_sent_to_it_then_signs_in_with_a_new_code()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var host = await StartHostAsync(smtp.StartTlsPort, "StartTls");
        using var browser = host.NewBrowser();
        var address = $"alice-{Guid.NewGuid():N}@example.com";

        var (enrol, form) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Equal("/.mfa/enrol", enrol.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("name=\"Destination\"", form);

        var invalid = await SendCodeAsync(browser, form, "Alice <alice@example.com>");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("That email address cannot be used. Enter one address", await invalid.Content.ReadAsStringAsync());

        var sent = await SendCodeAsync(browser, form, address.ToUpperInvariant().Replace("EXAMPLE.COM", "Example.Com", StringComparison.Ordinal));
        var sentPage = await sent.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("We sent a code to", sentPage);
        SecurityFlows.AssertNoInlineScriptOrStyle(sentPage);

        // The message as the SMTP server received it: from the configured sender, automatic, both parts, the code in each.
        var confirm = await smtp.NextMessageToAsync(address.Replace("alice", "ALICE", StringComparison.Ordinal));
        var code = CodeIn(confirm);
        Assert.Equal("no-reply@bank.example", confirm.From.Mailboxes.Single().Address);
        Assert.Equal("auto-generated", confirm.Headers["Auto-Submitted"]);
        Assert.Contains(code, confirm.TextBody, StringComparison.Ordinal);
        Assert.Contains(code, confirm.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("confirms this address", confirm.Subject, StringComparison.Ordinal);

        var wrong = await browser.SubmitAsync("/.mfa/enrol", sentPage, ("Method", "email"), ("Code", Other(code)));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("That code is not correct.", await wrong.Content.ReadAsStringAsync());

        var enrolled = await browser.SubmitAsync("/.mfa/enrol", sentPage, ("Method", "email"), ("Code", code));
        var codesPage = await enrolled.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        Assert.NotEmpty(BankFlows.RecoveryCodes(codesPage));
        var factor = Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"));
        Assert.Equal(("email", "A•••@example.com"), (factor.Type, factor.Name));

        // A new sign-in: the challenge page sends a code by itself and shows where it went.
        using var next = host.NewBrowser();
        var (challenge, challengePage) = await next.FollowAsync(await BankFlows.SubmitLoginAsync(next, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Equal("/.mfa/challenge", challenge.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("A•••@example.com", WebUtility.HtmlDecode(challengePage));
        var signInMail = await smtp.NextMessageToAsync(address, subject: SignInSubject);
        var signInCode = CodeIn(signInMail);
        Assert.DoesNotContain("/.mfa/link/", signInMail.TextBody + signInMail.HtmlBody, StringComparison.Ordinal); // no EmailLink on this policy

        // Showing the page again sends nothing; "Send a new code" waits for the cooldown, then replaces the code.
        var (_, again) = await next.GetPageAsync("/.mfa/challenge");
        var tooSoon = await ResendAsync(next, again);
        Assert.Contains("a moment ago", await tooSoon.Content.ReadAsStringAsync());
        host.Time.Advance(TimeSpan.FromSeconds(31));
        var resent = await ResendAsync(next, again);
        var resentPage = await resent.Content.ReadAsStringAsync();
        var newCode = CodeIn(await smtp.NextMessageToAsync(address, subject: SignInSubject));
        Assert.NotEqual(signInCode, newCode);

        var old = await next.SubmitAsync("/.mfa/challenge", resentPage, ("Method", "email"), ("Code", signInCode));
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        var passed = await next.SubmitAsync("/.mfa/challenge", resentPage, ("Method", "email"), ("Code", newCode));
        var (_, dashboard) = await next.FollowAsync(passed);
        Assert.Contains("Welcome, alice", dashboard);
        Assert.Equal(2, smtp.CountTo(address, SignInSubject));
    }

    [Fact]
    public async Task A_code_typed_after_its_lifetime_is_refused_as_expired()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var host = await StartHostAsync(smtp.TlsPort, "Tls", lifetime: "2m");
        var address = await EnrolAsync(host, smtp, DemoUsers.Bob);
        using var browser = host.NewBrowser();
        var (_, page) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Bob.Name, DemoUsers.Bob.Password));
        var code = CodeIn(await smtp.NextMessageToAsync(address, subject: SignInSubject));

        host.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var late = await browser.SubmitAsync("/.mfa/challenge", page, ("Method", "email"), ("Code", code));

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("That code has expired or was already used. Send a new code.", await late.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_the_smtp_server_down_the_page_says_so_and_no_half_enrolled_factor_is_left()
    {
        await using var host = await StartHostAsync(SmtpSink.ClosedPort(), "StartTls");
        using var browser = host.NewBrowser();
        var (_, form) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Carol.Name, DemoUsers.Carol.Password));

        var down = await SendCodeAsync(browser, form, "carol@example.com");
        var page = await down.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("We could not send a code to c•••@example.com just now.", WebUtility.HtmlDecode(page));
        Assert.DoesNotContain("name=\"Code\"", page);
        Assert.Empty(await SecurityFlows.FactorsAsync(host, "carol"));
    }

    /// <summary>Enrols <paramref name="user"/>'s own address on the enrolment page; returns it.</summary>
    private static async Task<string> EnrolAsync(GatewayTestHost host, SmtpSink smtp, (string Name, string Password) user)
    {
        using var browser = host.NewBrowser();
        var address = $"{user.Name}-{Guid.NewGuid():N}@example.com";
        var (_, form) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, user.Name, user.Password));
        var sentPage = await (await SendCodeAsync(browser, form, address)).Content.ReadAsStringAsync();
        var done = await browser.SubmitAsync("/.mfa/enrol", sentPage, ("Method", "email"), ("Code", CodeIn(await smtp.NextMessageToAsync(address, subject: "confirms this address"))));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        return address;
    }

    private static Task<GatewayTestHost> StartHostAsync(int port, string security, string? lifetime = null) => GatewayTestHost.StartAsync((config, _) =>
    {
        var gateway = config["Gateway"]!;
        gateway["Email"] = new JsonObject
        {
            ["Smtp"] = new JsonObject
            {
                ["Host"] = "127.0.0.1",
                ["Port"] = port,
                ["Security"] = security,
                ["User"] = SmtpSink.User,
                ["Password"] = SmtpSink.Password,
                ["Timeout"] = "5s",
                ["TrustedCertificate"] = SmtpSinkCertificate(),
            },
            ["From"] = "no-reply@bank.example",
        };
        gateway["Policies"]!["signin"]!["Factors"] = new JsonArray("email");
        if (lifetime is not null)
        {
            gateway["SentCodes"] = new JsonObject { ["Lifetime"] = lifetime };
        }
    });

    private static string SmtpSinkCertificate() => SmtpSink.SharedAsync().GetAwaiter().GetResult().CertificatePath;

    private static Task<HttpResponseMessage> SendCodeAsync(Browser browser, string html, string destination) =>
        browser.PostFormAsync("/.mfa/enrol?handler=SendCode", [new("__mfa_csrf", SecurityFlows.Token(html)), new("Method", "email"), new("Destination", destination)]);

    private static Task<HttpResponseMessage> ResendAsync(Browser browser, string html) =>
        browser.PostFormAsync("/.mfa/challenge?handler=Resend", [new("__mfa_csrf", SecurityFlows.Token(html)), new("Method", "email")]);

    private const string SignInSubject = "sign-in code";

    private static string CodeIn(MimeMessage message) => SixDigits().Match(message.Subject ?? string.Empty).Value;

    private static string Other(string code) => code[..5] + (code[5] == '0' ? '1' : '0');

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
