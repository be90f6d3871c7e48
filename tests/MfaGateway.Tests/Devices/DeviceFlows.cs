using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MfaGateway.Tests.Administration;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.Risk;
using MfaGateway.Tests.SelfService;

namespace MfaGateway.Tests.Devices;

/// <summary>A RiskBased sign-in that asks only on a new device, and the steps the device tests share.</summary>
public static partial class DeviceFlows
{
    public const string ChromeOnAndroid = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

    public const string DeviceCookie = "mfa-did";

    /// <param name="adminKey">When given, the admin API is on with this key.</param>
    public static Task<GatewayTestHost> StartRiskBasedAsync(string? adminKey = null) =>
        RiskFlows.StartAsync(new JsonObject { ["NewDevice"] = "Challenge" }, gateway =>
        {
            if (adminKey is not null)
            {
                gateway["Admin"] = new JsonObject
                {
                    ["ApiKeys"] = new JsonArray(new JsonObject { ["Name"] = AdminApiHost.KeyName, ["Sha256"] = AdminKeys.Sha256Hex(adminKey) }),
                };
            }
        });

    /// <summary>A second browser (Chrome on Android, in Lisbon) that is challenged once, passes, and signs out: from then on it is recognised.</summary>
    public static async Task<Browser> RecognisedPhoneAsync(GatewayTestHost host, byte[] secret)
    {
        var phone = host.NewBrowser();
        phone.Http.DefaultRequestHeaders.UserAgent.Clear();
        phone.Http.DefaultRequestHeaders.UserAgent.ParseAdd(ChromeOnAndroid);
        phone.ComeFrom(GeoTestData.Lisbon);
        var (_, html) = await RiskFlows.SignInChallengedAsync(phone, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();
        var passed = await RiskFlows.AnswerAsync(host, phone, html, secret);
        Assert.True(Browser.IsRedirect(passed.StatusCode), $"expected to pass, got {passed.StatusCode}");
        await phone.GetAsync("/logout");
        await RiskFlows.SignInUnchallengedAsync(phone, DemoUsers.Alice);
        await phone.GetAsync("/logout");
        return phone;
    }

    /// <summary>A signed-in browser verifies again (the security page's changes need a fresh MFA) and lands on the security page.</summary>
    public static async Task VerifyAsync(GatewayTestHost host, Browser browser, byte[] secret)
    {
        var (challenge, html) = await browser.GetPageAsync(SecurityFlows.VerifyUrl);
        Assert.Equal("/.mfa/challenge", challenge.RequestMessage!.RequestUri!.AbsolutePath);
        host.Time.AdvanceToNextTimeStep();
        var verified = await browser.SubmitAsync("/.mfa/challenge", html, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal(SecurityFlows.Page, verified.Headers.Location!.OriginalString);
    }

    /// <summary>Signs in; asserts the new-device trigger asked for a code.</summary>
    public static async Task AssertChallengedAsNewDeviceAsync(Browser browser)
    {
        var (page, _) = await RiskFlows.SignInChallengedAsync(browser, DemoUsers.Alice);
        Assert.Contains("We don't recognise this device.", page);
    }

    /// <summary>The device ids the security page's "Forget this device" forms carry.</summary>
    public static IReadOnlyList<string> ForgetFormIds(string html) =>
        [.. DeviceIdField().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    public static HttpClient AdminClient(GatewayTestHost host, string key)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<JsonElement> AdminDevicesAsync(HttpClient admin) =>
        await AdminApiHost.ReadAsync(await admin.GetAsync($"{AdminApiHost.Api}/users/bank/alice/devices"), HttpStatusCode.OK);

    /// <summary>The id of the one listed device whose browser is <paramref name="browser"/>.</summary>
    public static string IdOf(JsonElement list, string browser) =>
        list.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("browser").GetString() == browser).GetProperty("id").GetString()!;

    [GeneratedRegex("name=\"deviceId\" value=\"([^\"]+)\"")]
    private static partial Regex DeviceIdField();
}
