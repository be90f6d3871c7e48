using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MfaGateway.Audit;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.SelfService;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Factors.Sms;

/// <summary>
/// The sms factor through the Twilio SDK against a loopback fake of Twilio's Messages API that checks
/// every request: enrol by confirming a number, sign in, a wrong code, a resend's cooldown, a Twilio
/// 500 (no half-enrolled factor), and every SMS pumping limit tripping with nothing sent.
/// </summary>
public sealed partial class SmsFactorTests
{
    [Fact]
    public async Task A_user_enrols_a_number_with_the_code_texted_to_it_then_signs_in_with_a_new_code()
    {
        var twilio = await TwilioFake.SharedAsync();
        await using var host = await StartHostAsync(twilio);
        using var browser = host.NewBrowser();
        var number = NewNumber();

        var (enrol, form) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Equal("/.mfa/enrol", enrol.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("type=\"tel\"", form, StringComparison.Ordinal);
        Assert.Contains("Text messages can be intercepted", form, StringComparison.Ordinal);

        var invalid = await SendCodeAsync(browser, form, "not a number");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("That is not a phone number.", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var foreign = await SendCodeAsync(browser, form, "+33 6 12 34 56 78");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("cannot be sent to numbers in that country", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(twilio.TextsTo("+33612345678"));

        // Typed in the national format: read in the default region, texted in E.164.
        var sent = await SendCodeAsync(browser, form, "0" + number[3..]);
        var sentPage = await sent.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("We sent a code to", sentPage, StringComparison.Ordinal);

        // The exact request Twilio's API takes: the account's path, basic auth with the SID and token, To, From, Body.
        var text = await twilio.NextTextToAsync(number, 0);
        Assert.Equal($"/2010-04-01/Accounts/{TwilioFake.AccountSid}/Messages.json", text.Path);
        Assert.Equal((TwilioFake.AccountSid, TwilioFake.AuthToken), (text.BasicUser, text.BasicPassword));
        Assert.Equal(TwilioFake.From, text.Form["From"]);
        Assert.False(text.Form.ContainsKey("MessagingServiceSid"));
        var code = CodeIn(text.Body);
        Assert.Contains("Acme Legacy Bank", text.Body, StringComparison.Ordinal);

        var wrong = await browser.SubmitAsync("/.mfa/enrol", sentPage, ("Method", "sms"), ("Code", Other(code)));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var enrolled = await browser.SubmitAsync("/.mfa/enrol", sentPage, ("Method", "sms"), ("Code", code));
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        var factor = Assert.Single(await SecurityFlows.FactorsAsync(host, "alice"));
        Assert.Equal(("sms", $"+44 ••••••• {number[^3..]}"), (factor.Type, factor.Name));

        // Sign in again: a new code is texted; a resend waits for the cooldown and kills the old code.
        using var next = host.NewBrowser();
        var (challenge, challengePage) = await next.FollowAsync(await BankFlows.SubmitLoginAsync(next, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Equal("/.mfa/challenge", challenge.RequestMessage!.RequestUri!.AbsolutePath);
        var signIn = CodeIn((await twilio.NextTextToAsync(number, 0, containing: SignInWords)).Body);
        var tooSoon = await ResendAsync(next, challengePage);
        Assert.Contains("a moment ago", await tooSoon.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(twilio.TextsTo(number, SignInWords));
        host.Time.Advance(TimeSpan.FromSeconds(31));
        var resent = await ResendAsync(next, challengePage);
        var resentPage = await resent.Content.ReadAsStringAsync();
        var newCode = CodeIn((await twilio.NextTextToAsync(number, 1, containing: SignInWords)).Body);
        Assert.NotEqual(signIn, newCode);
        var old = await next.SubmitAsync("/.mfa/challenge", resentPage, ("Method", "sms"), ("Code", signIn));
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        var passed = await next.SubmitAsync("/.mfa/challenge", resentPage, ("Method", "sms"), ("Code", newCode));
        var (_, dashboard) = await next.FollowAsync(passed);
        Assert.Contains("Welcome, alice", dashboard, StringComparison.Ordinal);

        // NIST SP 800-63B: SMS is restricted; the security page shows the number masked and offers a stronger factor.
        var (_, security) = await SecurityFlows.OpenAsync(next);
        Assert.Contains($"+44 ••••••• {number[^3..]}", WebUtility.HtmlDecode(security), StringComparison.Ordinal);
        Assert.Contains("Text messages can be intercepted", security, StringComparison.Ordinal);
        Assert.Contains(">Add an authenticator app</button>", security, StringComparison.Ordinal);
        Assert.DoesNotContain(number[3..], security, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_twilio_500_is_a_clear_page_and_leaves_no_factor_and_a_send_after_it_heals_works()
    {
        var twilio = await TwilioFake.SharedAsync();
        await using var host = await StartHostAsync(twilio);
        using var browser = host.NewBrowser();
        var number = NewNumber();
        twilio.FailFor(number);
        var (_, form) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Bob.Name, DemoUsers.Bob.Password));

        var failed = await SendCodeAsync(browser, form, number);
        var failedPage = await failed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Contains("We could not send a code", failedPage, StringComparison.Ordinal);
        Assert.Single(twilio.TextsTo(number));
        Assert.Empty(await SecurityFlows.FactorsAsync(host, "bob"));
        Assert.Contains("Twilio answered 500", string.Join("\n", host.Logs.Lines.Select(l => l.Message)), StringComparison.Ordinal);

        twilio.Heal(number);
        var sent = await SendCodeAsync(browser, failedPage, number);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var code = CodeIn((await twilio.NextTextToAsync(number, 1)).Body);
        var enrolled = await browser.SubmitAsync("/.mfa/enrol", await sent.Content.ReadAsStringAsync(), ("Method", "sms"), ("Code", code));
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
    }

    [Theory]
    [InlineData("destination")]
    [InlineData("client")]
    [InlineData("country_hourly")]
    [InlineData("global_hourly")]
    [InlineData("global_daily")]
    public async Task Each_pumping_limit_refuses_the_next_text_with_a_clear_answer_and_an_audit_event(string limit)
    {
        var twilio = await TwilioFake.SharedAsync();
        await using var host = await StartHostAsync(twilio, limit);
        var first = NewNumber();

        // The second number: the same one for the per-number limit, a German one for the global caps (another country code).
        var second = limit switch { "destination" => first, "global_hourly" or "global_daily" => NewGermanNumber(), _ => NewNumber() };
        using var browser = host.NewBrowser();
        var token = ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(browser, DemoUsers.Carol)).Content.ReadAsStringAsync());

        var allowed = await SendCodeApiAsync(browser, token, first);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Single(twilio.TextsTo(first));

        host.Time.Advance(TimeSpan.FromSeconds(31)); // past the resend cooldown, inside every hour
        var refused = await SendCodeApiAsync(browser, token, second);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("\"sending_limited\"", body, StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter is not null, "no Retry-After");
        Assert.Equal(limit == "destination" ? 1 : 0, twilio.TextsTo(second).Count);

        var audit = host.Services.GetRequiredService<FlushingAuditStore>();
        var limited = Assert.Single((await audit.QueryAsync(new AuditQuery(User: "carol", Types: [AuditEventTypes.CodeLimited]), default)).Events);
        Assert.Equal(limit, limited.Detail["limit"]);
        Assert.Equal("sms", limited.Detail["factor"]);
        Assert.DoesNotContain(second[3..], string.Join(" ", limited.Detail.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_messaging_service_is_sent_instead_of_a_from_number()
    {
        var twilio = await TwilioFake.SharedAsync();
        await using var host = await StartHostAsync(twilio, configure: sms =>
        {
            sms["Twilio"]!.AsObject().Remove("From");
            sms["Twilio"]!["MessagingServiceSid"] = "MG0123456789abcdef0123456789abcdef";
        });
        using var browser = host.NewBrowser();
        var number = NewNumber();
        var token = ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(browser, DemoUsers.Alice)).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await SendCodeApiAsync(browser, token, number)).StatusCode);

        var text = await twilio.NextTextToAsync(number, 0);
        Assert.Equal("MG0123456789abcdef0123456789abcdef", text.Form["MessagingServiceSid"]);
        Assert.False(text.Form.ContainsKey("From"));
    }

    [Fact]
    public async Task A_user_without_an_address_is_notified_by_text_and_a_twilio_500_is_retried_until_delivered_once()
    {
        var twilio = await TwilioFake.SharedAsync();
        await using var host = await StartHostAsync(twilio);
        var number = NewNumber();
        var codes = await EnrolAsync(host, twilio, DemoUsers.Bob, number);
        await WaitForTextAsync(twilio, number, "A verification method was added.");

        twilio.FailFor(number);
        using var browser = host.NewBrowser();
        var used = await SecurityFlows.SignInWithRecoveryCodeAsync(browser, DemoUsers.Bob, codes[0]);
        Assert.Equal(HttpStatusCode.OK, used.StatusCode); // the sign-in does not wait for the text
        await WaitForTextAsync(twilio, number, "A recovery code was used.");
        for (var i = 0; i < 200 && !host.Logs.Lines.Any(l => l.Message.Contains("Notification RecoveryCodeUsed for bob not sent (attempt 1)", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(50);
        }

        Assert.Contains(host.Logs.Lines, l => l.Message.Contains("Notification RecoveryCodeUsed for bob not sent (attempt 1)", StringComparison.Ordinal));

        twilio.Heal(number);
        var failed = Told(twilio, number).Count;
        for (var step = 0; step < 40 && Told(twilio, number).Count == failed; step++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(100);
        }

        var told = Told(twilio, number);
        Assert.Equal(failed + 1, told.Count);
        Assert.DoesNotContain(codes[0], told[^1].Body, StringComparison.Ordinal);
        host.Time.Advance(TimeSpan.FromHours(2));
        await Task.Delay(500);
        Assert.Equal(failed + 1, Told(twilio, number).Count); // delivered once, never again
    }

    /// <summary>Every "recovery code used" text Twilio was asked to send, refused ones included.</summary>
    private static List<ReceivedText> Told(TwilioFake twilio, string number) =>
        [.. twilio.TextsTo(number).Where(t => t.Body.Contains("A recovery code was used.", StringComparison.Ordinal))];

    private static async Task WaitForTextAsync(TwilioFake twilio, string number, string words)
    {
        for (var i = 0; i < 200 && !twilio.TextsTo(number).Any(t => t.Body.Contains(words, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(50);
        }

        Assert.Contains(twilio.TextsTo(number), t => t.Body.Contains(words, StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> EnrolAsync(GatewayTestHost host, TwilioFake twilio, (string Name, string Password) user, string number)
    {
        using var browser = host.NewBrowser();
        var (_, form) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, user.Name, user.Password));
        var seen = twilio.TextsTo(number).Count;
        var sent = await SendCodeAsync(browser, form, number);
        var code = CodeIn((await twilio.NextTextToAsync(number, seen)).Body);
        var done = await browser.SubmitAsync("/.mfa/enrol", await sent.Content.ReadAsStringAsync(), ("Method", "sms"), ("Code", code));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        return BankFlows.RecoveryCodes(await done.Content.ReadAsStringAsync());
    }

    private const string SignInWords = "is your Acme Legacy Bank sign-in code";

    internal static string NewNumber() => $"+447400{Random.Shared.Next(100000, 999999)}";

    private static string NewGermanNumber() => $"+491512{Random.Shared.Next(1000000, 9999999)}";

    internal static Task<GatewayTestHost> StartHostAsync(TwilioFake twilio, string? tightLimit = null, Action<JsonObject>? configure = null) => GatewayTestHost.StartAsync((config, _) =>
    {
        var gateway = config["Gateway"]!;
        var sms = new JsonObject
        {
            ["Provider"] = "Twilio",
            ["DefaultRegion"] = "GB",
            ["AllowedCountries"] = new JsonArray("GB", "DE"),
            ["Twilio"] = new JsonObject
            {
                ["AccountSid"] = TwilioFake.AccountSid,
                ["AuthToken"] = TwilioFake.AuthToken,
                ["From"] = TwilioFake.From,
                ["BaseUrl"] = twilio.BaseAddress.ToString(),
            },
            ["Timeout"] = "5s",
        };
        var limits = new JsonObject();
        var sendLimits = new JsonObject();
        switch (tightLimit)
        {
            case "destination": sendLimits["PerDestinationPerHour"] = 1; break;
            case "client": sendLimits["PerClientPerHour"] = 1; break;
            case "country_hourly": limits["PerCountryPerHour"] = 1; break;
            case "global_hourly": limits["GlobalPerHour"] = 1; break;
            case "global_daily": limits["GlobalPerDay"] = 1; break;
        }

        sms["Limits"] = limits;
        gateway["Sms"] = sms;
        gateway["SentCodes"] = new JsonObject { ["Limits"] = sendLimits };
        gateway["Policies"]!["signin"]!["Factors"] = new JsonArray("sms");
        configure?.Invoke(sms);
    });

    private static async Task<HttpResponseMessage> SendCodeAsync(Browser browser, string page, string number) =>
        await browser.PostFormAsync("/.mfa/enrol?handler=SendCode", [new("__mfa_csrf", SecurityFlows.Token(page)), new("Method", "sms"), new("Destination", number)]);

    private static Task<HttpResponseMessage> ResendAsync(Browser browser, string page) =>
        browser.PostFormAsync("/.mfa/challenge?handler=Resend", [new("__mfa_csrf", SecurityFlows.Token(page)), new("Method", "sms")]);

    private static Task<HttpResponseMessage> SendCodeApiAsync(Browser browser, string token, string number) =>
        browser.Http.PostAsync("/.mfa/api/send-code", new StringContent($"{{\"mfa_token\":\"{token}\",\"factor\":\"sms\",\"destination\":\"{number}\"}}", System.Text.Encoding.UTF8, "application/json"));

    internal static string CodeIn(string body) => SixDigits().Match(body).Value;

    private static string Other(string code) => code[0] == '9' ? "0" + code[1..] : (char)(code[0] + 1) + code[1..];

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
