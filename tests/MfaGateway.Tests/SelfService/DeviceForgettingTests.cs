using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.SelfService;

public sealed class DeviceForgettingTests
{
    [Fact]
    public async Task Forget_all_devices_makes_every_remembered_browser_verify_at_its_next_sign_in()
    {
        await using var host = await StartAsync();
        var secret = await EnrolAsync(host);
        using var laptop = await SignInRememberingAsync(host, secret);
        using var phone = await SignInRememberingAsync(host, secret);

        var (_, html) = await SecurityFlows.OpenAsync(laptop);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, ">Forget this device<").Count); // the enrolment browser is recognised too
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, ">This device<"));

        var forgotten = await SecurityFlows.PostFromAsync(laptop, html, "ForgetAllDevices");
        Assert.Equal(HttpStatusCode.SeeOther, forgotten.StatusCode);
        var (_, after) = await laptop.FollowAsync(forgotten);
        Assert.Contains("All your devices were forgotten", after);
        Assert.Contains("No devices yet.", after);

        foreach (var browser in new[] { laptop, phone })
        {
            var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
            Assert.Equal("/.mfa/challenge", login.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task Forgetting_one_device_leaves_the_other_remembered()
    {
        await using var host = await StartAsync();
        var secret = await EnrolAsync(host);
        using var laptop = await SignInRememberingAsync(host, secret);
        using var phone = await SignInRememberingAsync(host, secret);
        var phoneDevice = (await SecurityFlows.JsonOf(await SecurityFlows.GetJsonAsync(phone)))
            .GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("current").GetBoolean()).GetProperty("id").GetString()!;

        var unknown = await SecurityFlows.PostAsync(laptop, "ForgetDevice", ("deviceId", "not-a-device"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var forgotten = await SecurityFlows.PostAsync(laptop, "ForgetDevice", ("deviceId", phoneDevice));
        Assert.Equal(HttpStatusCode.SeeOther, forgotten.StatusCode);

        var phoneLogin = await BankFlows.SubmitLoginAsync(phone, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        Assert.Equal("/.mfa/challenge", phoneLogin.Headers.Location!.OriginalString);
        var laptopLogin = await BankFlows.SubmitLoginAsync(laptop, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        Assert.Equal(HttpStatusCode.Redirect, laptopLogin.StatusCode);
        Assert.Equal("/", laptopLogin.Headers.Location!.OriginalString);
    }

    private static Task<GatewayTestHost> StartAsync() => GatewayTestHost.StartAsync((config, _) =>
        config["Gateway"]!["Policies"]!["signin"]!["TrustedDevices"] = new JsonObject { ["Enabled"] = true, ["Days"] = 30 });

    private static async Task<byte[]> EnrolAsync(GatewayTestHost host)
    {
        using var browser = host.NewBrowser();
        return await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
    }

    /// <summary>A browser that signs in with a code and ticks "remember this device"; its MFA is fresh afterwards.</summary>
    private static async Task<Browser> SignInRememberingAsync(GatewayTestHost host, byte[] secret)
    {
        host.Time.AdvanceToNextTimeStep();
        var browser = host.NewBrowser();
        var (_, html) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        var verified = await browser.SubmitAsync("/.mfa/challenge", html, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())), ("RememberDevice", "true"));
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.NotNull(browser.Cookie("mfa-device-bank"));
        return browser;
    }
}
