using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MfaGateway.Configuration;
using MfaGateway.Delivery.Sms;
using MfaGateway.Tests.Configuration;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Factors.Sms;

/// <summary>The other SMS providers (the signed webhook, the demo's file outbox) and the checks of Gateway:Sms.</summary>
public sealed class SmsProviderTests
{
    private const string Secret = "webhook-secret-0123456789abcdef-0123";

    [Fact]
    public async Task The_webhook_gets_signed_json_the_receiver_can_verify_and_a_5xx_is_not_delivered()
    {
        var receiver = await TwilioFake.SharedAsync();
        await using var host = await SmsFactorTests.StartHostAsync(receiver, configure: sms =>
        {
            sms["Provider"] = "Webhook";
            sms.Remove("Twilio");
            sms["Webhook"] = new JsonObject { ["Url"] = new Uri(receiver.BaseAddress, "/sms-webhook").ToString(), ["Secret"] = Secret };
        });
        using var browser = host.NewBrowser();
        var number = SmsFactorTests.NewNumber();
        var token = ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(browser, DemoUsers.Alice)).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(browser, token, number)).StatusCode);

        var call = Assert.Single(receiver.WebhooksFor(number));
        // Verified as a receiver would: HMAC-SHA256 over "{timestamp}.{body}" with the shared secret.
        Assert.Equal(WebhookSmsSender.Sign(Secret, call.Timestamp!, call.Body), call.Signature);
        Assert.NotEqual(WebhookSmsSender.Sign(Secret + "x", call.Timestamp!, call.Body), call.Signature);
        Assert.Matches("^sha256=[0-9a-f]{64}$", call.Signature!);
        var json = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal(number, json.GetProperty("to").GetString());
        Assert.Matches("[0-9]{6}", json.GetProperty("body").GetString()!);
        Assert.True(Math.Abs(long.Parse(call.Timestamp!, System.Globalization.CultureInfo.InvariantCulture) - host.Time.GetUtcNow().ToUnixTimeSeconds()) < 5);

        var failing = SmsFactorTests.NewNumber();
        receiver.FailFor(failing);
        host.Time.Advance(TimeSpan.FromSeconds(31));
        var refused = await SendAsync(browser, token, failing);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("\"code_not_sent\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        receiver.Heal(failing);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_file_outbox_works_in_development_and_is_refused_anywhere_else()
    {
        var receiver = await TwilioFake.SharedAsync();
        var outbox = Path.Combine(Path.GetTempPath(), $"mfa-sms-{Guid.NewGuid():N}.jsonl");
        void UseFile(JsonObject sms)
        {
            sms["Provider"] = "File";
            sms.Remove("Twilio");
            sms["File"] = new JsonObject { ["Path"] = outbox };
        }

        var production = await Assert.ThrowsAnyAsync<Exception>(() => SmsFactorTests.StartHostAsync(receiver, configure: UseFile));
        Assert.Contains("only for the demo, in the Development environment", production.ToString(), StringComparison.Ordinal);

        await using var host = await GatewayTestHost.StartAsync(
            (config, echo) => ConfigureFile(config, outbox), arguments: ["--environment=Development"]);
        using var browser = host.NewBrowser();
        var number = SmsFactorTests.NewNumber();
        var token = ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(browser, DemoUsers.Alice)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(browser, token, number)).StatusCode);

        var line = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(outbox))).RootElement;
        Assert.Equal(number, line.GetProperty("to").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(outbox));
        File.Delete(outbox);
    }

    [Fact]
    public void Every_mistake_of_the_sms_section_is_listed_at_once()
    {
        var json = TestConfiguration.Valid.With("\"Apps\": {", """
            "Sms": {
              "Provider": "Twilio",
              "DefaultRegion": "XX",
              "AllowedCountries": [ "GB", "Narnia" ],
              "Timeout": "5m",
              "Limits": { "GlobalPerDay": 0 },
              "Twilio": { "AccountSid": "123", "From": "+441", "MessagingServiceSid": "MG0123456789abcdef0123456789abcdef", "BaseUrl": "http://twilio.example" }
            },
            "Apps": {
            """);

        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        var keys = errors.Select(e => e.Key).ToHashSet();
        foreach (var key in new[]
        {
            "Gateway:Sms:DefaultRegion", "Gateway:Sms:AllowedCountries:1", "Gateway:Sms:Timeout", "Gateway:Sms:Limits:GlobalPerDay",
            "Gateway:Sms:Twilio:AccountSid", "Gateway:Sms:Twilio:AuthToken", "Gateway:Sms:Twilio", "Gateway:Sms:Twilio:BaseUrl",
        })
        {
            Assert.Contains(key, keys);
        }
    }

    [Fact]
    public void Sms_needs_its_countries_and_a_policy_cannot_list_sms_without_a_provider()
    {
        var noCountries = TestConfiguration.Valid.With("\"Apps\": {", """
            "Sms": { "Provider": "Webhook", "Webhook": { "Url": "https://sms.example/send", "Secret": "0123456789abcdef0123456789abcdef" } },
            "Apps": {
            """);
        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(noCountries), out var errors);
        Assert.Contains("invite SMS pumping", Assert.Single(errors).Message, StringComparison.Ordinal);

        var smsPolicy = TestConfiguration.Valid.With("\"signin\": { \"Level\": \"Required\", \"Factors\": [ \"totp\" ] }", "\"signin\": { \"Level\": \"Required\", \"Factors\": [ \"totp\", \"sms\" ] }");
        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(smsPolicy), out var policyErrors);
        Assert.Contains("Gateway:Sms names no provider", Assert.Single(policyErrors).Message, StringComparison.Ordinal);
    }

    private static void ConfigureFile(JsonObject config, string outbox)
    {
        var gateway = config["Gateway"]!;
        gateway["Sms"] = new JsonObject
        {
            ["Provider"] = "File",
            ["AllowedCountries"] = new JsonArray("GB"),
            ["File"] = new JsonObject { ["Path"] = outbox },
        };
        gateway["Policies"]!["signin"]!["Factors"] = new JsonArray("sms");
    }

    private static Task<HttpResponseMessage> SendAsync(Browser browser, string token, string number) =>
        browser.Http.PostAsync("/.mfa/api/send-code", new StringContent($"{{\"mfa_token\":\"{token}\",\"factor\":\"sms\",\"destination\":\"{number}\"}}", System.Text.Encoding.UTF8, "application/json"));
}
