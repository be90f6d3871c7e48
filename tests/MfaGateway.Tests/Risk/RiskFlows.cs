using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Audit;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Risk;

/// <summary>A gateway whose sign-in policy is RiskBased, with the real GeoLite2 City database and loopback trusted as a proxy.</summary>
public static class RiskFlows
{
    /// <param name="risk">The sign-in policy's "Risk" section; triggers not named are Off.</param>
    public static Task<GatewayTestHost> StartAsync(JsonObject risk, Action<JsonObject>? configure = null) =>
        GatewayTestHost.StartAsync((config, _) =>
        {
            var gateway = config["Gateway"]!.AsObject();
            gateway["TrustedProxies"] = new JsonArray("127.0.0.1", "::1");
            gateway["GeoIp"] = new JsonObject { ["CityDatabase"] = GeoTestData.CityDatabase };
            foreach (var trigger in new[] { "NewDevice", "NewLocation", "ImpossibleTravel", "SuspiciousIp", "AfterPasswordChange" })
            {
                risk[trigger] ??= "Off";
            }

            gateway["Policies"]!["signin"] = new JsonObject
            {
                ["Level"] = "RiskBased",
                ["Factors"] = new JsonArray("totp"),
                ["Risk"] = risk,
            };
            configure?.Invoke(gateway);
        });

    /// <summary>A new browser at <paramref name="address"/> signs in, enrols (its first MFA, which makes device and place known) and signs out.</summary>
    public static async Task<(Browser Browser, byte[] Secret)> EnrolFromAsync(GatewayTestHost host, string address, (string Name, string Password) user)
    {
        var browser = host.NewBrowser();
        browser.ComeFrom(address);
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, user);
        await browser.GetAsync("/logout");
        return (browser, enrolled.Secret);
    }

    /// <summary>Signs in; asserts the app's own redirect came straight back (no MFA asked).</summary>
    public static async Task SignInUnchallengedAsync(Browser browser, (string Name, string Password) user)
    {
        var login = await BankFlows.SubmitLoginAsync(browser, user.Name, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString); // the bank's own redirect, not the gateway's challenge
        Assert.NotNull(browser.Cookie("DemoSession"));
    }

    /// <summary>Signs in; asserts a challenge was asked and returns the challenge page, HTML-decoded.</summary>
    public static async Task<(string Page, string Html)> SignInChallengedAsync(Browser browser, (string Name, string Password) user)
    {
        var login = await BankFlows.SubmitLoginAsync(browser, user.Name, user.Password);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/.mfa/challenge", login.Headers.Location!.OriginalString);
        var (_, html) = await browser.FollowAsync(login);
        return (WebUtility.HtmlDecode(html), html);
    }

    public static async Task<HttpResponseMessage> AnswerAsync(GatewayTestHost host, Browser browser, string challengeHtml, byte[] secret) =>
        await browser.SubmitAsync("/.mfa/challenge", challengeHtml, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));

    public static async Task<IReadOnlyList<AuditEvent>> RiskEventsAsync(GatewayTestHost host, string user) =>
        [.. (await host.Services.GetRequiredService<FlushingAuditStore>().QueryAsync(new AuditQuery(User: user, Types: ["risk.evaluated"], PageSize: 100), default)).Events.Reverse()];
}
