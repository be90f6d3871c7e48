using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MfaGateway.Audit;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.SelfService;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace MfaGateway.Tests.Notifications;

/// <summary>
/// Notifications through the durable outbox and a real SMTP server: told of a new factor and of a
/// recovery code used (with codes left, never the code), and delivered once when the server that was
/// down comes back, without holding up the sign-in.
/// </summary>
public sealed partial class NotificationTests
{
    [Fact]
    public async Task A_used_recovery_code_is_told_to_the_confirmed_address_with_the_codes_left_and_never_the_code()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var host = await StartHostAsync(smtp, smtp.StartTlsPort);
        var (address, codes) = await EnrolEmailAsync(host, smtp, DemoUsers.Alice);

        var added = await smtp.NextMessageToAsync(address, subject: Added);
        Assert.Contains("A verification method was added.", added.Subject, StringComparison.Ordinal);

        using var browser = host.NewBrowser();
        var used = await SecurityFlows.SignInWithRecoveryCodeAsync(browser, DemoUsers.Alice, codes[0]);
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);

        var told = await smtp.NextMessageToAsync(address, subject: Used);
        Assert.Contains("A recovery code was used.", told.Subject, StringComparison.Ordinal);
        Assert.Contains("Recovery codes left: 9.", told.TextBody, StringComparison.Ordinal);
        Assert.Contains("Recovery codes left: 9.", told.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("auto-generated", told.Headers["Auto-Submitted"]);
        foreach (var code in codes)
        {
            Assert.DoesNotContain(code, told.TextBody + told.HtmlBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_the_smtp_server_down_the_sign_in_goes_on_and_the_notification_is_delivered_once_when_it_is_back()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var relay = new TcpRelay(smtp.StartTlsPort);
        relay.Up();
        await using var host = await StartHostAsync(smtp, relay.Port);
        var (address, codes) = await EnrolEmailAsync(host, smtp, DemoUsers.Bob);
        await smtp.NextMessageToAsync(address, subject: Added);

        await relay.DownAsync();
        using var browser = host.NewBrowser();
        var used = await SecurityFlows.SignInWithRecoveryCodeAsync(browser, DemoUsers.Bob, codes[0]);
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        await WaitForAsync(() => host.Logs.Lines.Any(l => l.Message.Contains("Notification RecoveryCodeUsed for bob not sent (attempt 1)", StringComparison.Ordinal)));
        Assert.Equal(0, smtp.CountTo(address, Used));

        relay.Up();
        MimeMessage? delivered = null;
        for (var step = 0; step < 40 && delivered is null; step++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(5));
            try
            {
                delivered = await smtp.NextMessageToAsync(address, TimeSpan.FromMilliseconds(250), Used);
            }
            catch (TimeoutException)
            {
            }
        }

        Assert.NotNull(delivered);
        Assert.Contains("A recovery code was used.", delivered.Subject, StringComparison.Ordinal);
        host.Time.Advance(TimeSpan.FromHours(2));
        await Task.Delay(500);
        Assert.Equal(1, smtp.CountTo(address, Used));
    }

    [Fact]
    public async Task A_kind_turned_off_is_not_sent()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var host = await StartHostAsync(smtp, smtp.StartTlsPort, off: "RecoveryCodeUsed");
        var (address, codes) = await EnrolEmailAsync(host, smtp, DemoUsers.Carol);
        await smtp.NextMessageToAsync(address, subject: Added);

        using var browser = host.NewBrowser();
        await SecurityFlows.SignInWithRecoveryCodeAsync(browser, DemoUsers.Carol, codes[0]);
        var audit = host.Services.GetRequiredService<FlushingAuditStore>();
        await WaitForAsync(async () => (await audit.QueryAsync(new AuditQuery(User: "carol", Types: [AuditEventTypes.RecoveryCodeUsed]), default)).Events.Count == 1);
        await Task.Delay(500);

        Assert.Equal(0, smtp.CountTo(address, Used));
        Assert.Equal(1, smtp.CountTo(address, Added));
    }

    [Fact]
    public async Task Wrong_codes_in_a_row_are_told_once_when_the_run_reaches_the_threshold()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var host = await StartHostAsync(smtp, smtp.StartTlsPort, failedAttemptsThreshold: 3);
        var (address, _) = await EnrolEmailAsync(host, smtp, DemoUsers.Alice);
        await smtp.NextMessageToAsync(address, subject: Added);

        using var browser = host.NewBrowser();
        var (_, challenge) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        var code = SixDigits().Match((await smtp.NextMessageToAsync(address, subject: "sign-in code")).Subject ?? string.Empty).Value;
        var wrong = code[0] == '9' ? "0" + code[1..] : (char)(code[0] + 1) + code[1..];
        for (var i = 0; i < 4; i++)
        {
            var refused = await browser.SubmitAsync("/.mfa/challenge", challenge, ("Method", "email"), ("Code", wrong));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var told = await smtp.NextMessageToAsync(address, subject: "Several incorrect codes were entered.");
        Assert.Contains("3 incorrect codes were entered for your account in a row.", told.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(code, told.TextBody + told.HtmlBody, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Equal(1, smtp.CountTo(address, "Several incorrect codes were entered."));
    }

    private const string Added = "A verification method was added.";
    private const string Used = "A recovery code was used.";

    private static async Task<(string Address, IReadOnlyList<string> Codes)> EnrolEmailAsync(GatewayTestHost host, SmtpSink smtp, (string Name, string Password) user)
    {
        using var browser = host.NewBrowser();
        var address = $"{user.Name}-{Guid.NewGuid():N}@example.com";
        var (_, form) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, user.Name, user.Password));
        var sent = await browser.PostFormAsync("/.mfa/enrol?handler=SendCode", [new("__mfa_csrf", SecurityFlows.Token(form)), new("Method", "email"), new("Destination", address)]);
        var sentPage = await sent.Content.ReadAsStringAsync();
        var code = SixDigits().Match((await smtp.NextMessageToAsync(address, subject: "confirms this address")).Subject ?? string.Empty).Value;
        var done = await browser.SubmitAsync("/.mfa/enrol", sentPage, ("Method", "email"), ("Code", code));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        return (address, BankFlows.RecoveryCodes(await done.Content.ReadAsStringAsync()));
    }

    private static Task<GatewayTestHost> StartHostAsync(SmtpSink smtp, int port, string? off = null, int? failedAttemptsThreshold = null) => GatewayTestHost.StartAsync((config, _) =>
    {
        var gateway = config["Gateway"]!;
        gateway["Email"] = smtp.GatewayEmail(port);
        gateway["Policies"]!["signin"]!["Factors"] = new JsonArray("email");
        if (off is not null || failedAttemptsThreshold is not null)
        {
            gateway["Notifications"] = new JsonObject { ["Off"] = off is null ? new JsonArray() : new JsonArray(off), ["FailedAttemptsThreshold"] = failedAttemptsThreshold ?? 5 };
        }
    });

    private static Task WaitForAsync(Func<bool> condition) => WaitForAsync(() => Task.FromResult(condition()));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("the condition was not met in time");
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
