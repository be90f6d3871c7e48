using System.Net;
using MfaGateway.Devices;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.Risk;
using MfaGateway.Tests.SelfService;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Devices;

/// <summary>Under RiskBased, a browser the user forgets on the security page is a new device again.</summary>
public sealed class ForgottenDeviceTests
{
    [Fact]
    public async Task A_browser_forgotten_on_the_security_page_is_challenged_at_its_next_sign_in_and_so_is_a_copy_of_its_cookie()
    {
        await using var host = await DeviceFlows.StartRiskBasedAsync();
        var (laptop, secret) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        using var _ = laptop;
        using var copy = host.NewBrowser();
        copy.ComeFrom(GeoTestData.Lisbon);
        copy.SetCookie(DeviceFlows.DeviceCookie, laptop.Cookie(DeviceFlows.DeviceCookie)!);
        await RiskFlows.SignInUnchallengedAsync(laptop, DemoUsers.Alice); // recognised: the password alone signs in
        await DeviceFlows.VerifyAsync(host, laptop, secret);

        var (_, html) = await SecurityFlows.OpenAsync(laptop);
        var page = WebUtility.HtmlDecode(html);
        Assert.Contains("Recognised: you verified on it before", page);
        Assert.Contains("Lisbon, Portugal", page);
        Assert.Contains(">This device<", page);
        var forgotten = await SecurityFlows.PostFromAsync(laptop, html, "ForgetDevice", ("deviceId", Assert.Single(DeviceFlows.ForgetFormIds(html))));
        Assert.Equal(HttpStatusCode.SeeOther, forgotten.StatusCode);
        var (_, after) = await laptop.FollowAsync(forgotten);
        Assert.Contains("The device was forgotten", after);
        Assert.Contains("No devices yet.", after);

        await laptop.GetAsync("/logout");
        await DeviceFlows.AssertChallengedAsNewDeviceAsync(laptop);
        await DeviceFlows.AssertChallengedAsNewDeviceAsync(copy);
    }

    [Fact]
    public async Task Forget_all_from_the_security_api_challenges_every_browser_the_user_verified_on()
    {
        await using var host = await DeviceFlows.StartRiskBasedAsync();
        var (laptop, secret) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        using var _ = laptop;
        using var phone = await DeviceFlows.RecognisedPhoneAsync(host, secret);
        await RiskFlows.SignInUnchallengedAsync(laptop, DemoUsers.Alice);
        await DeviceFlows.VerifyAsync(host, laptop, secret);

        var forgotten = await SecurityFlows.SendJsonAsync(laptop, HttpMethod.Delete, $"{SecurityFlows.Api}/devices");
        Assert.Equal(HttpStatusCode.OK, forgotten.StatusCode);

        await laptop.GetAsync("/logout");
        await DeviceFlows.AssertChallengedAsNewDeviceAsync(laptop);
        await DeviceFlows.AssertChallengedAsNewDeviceAsync(phone);
        Assert.Equal(2, (await SecurityFlows.JsonOf(forgotten)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Forgetting_a_device_another_user_owns_or_that_does_not_exist_changes_nothing()
    {
        await using var host = await DeviceFlows.StartRiskBasedAsync();
        var (laptop, secret) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Alice);
        using var _ = laptop;
        var (bobs, _) = await RiskFlows.EnrolFromAsync(host, GeoTestData.Lisbon, DemoUsers.Bob);
        using var bob = bobs;
        var bobsDevice = Assert.Single(await host.Services.GetRequiredService<UserDevices>().ListAsync(await SecurityFlows.UserAsync(host, "bob"), null, default)).Id;
        await RiskFlows.SignInUnchallengedAsync(laptop, DemoUsers.Alice);
        await DeviceFlows.VerifyAsync(host, laptop, secret);

        foreach (var id in new[] { bobsDevice, "not-a-device", new string('a', 65), "a/b" })
        {
            var refused = await SecurityFlows.SendJsonAsync(laptop, HttpMethod.Delete, $"{SecurityFlows.Api}/devices/{Uri.EscapeDataString(id)}");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        await RiskFlows.SignInUnchallengedAsync(bob, DemoUsers.Bob);
        await laptop.GetAsync("/logout");
        await RiskFlows.SignInUnchallengedAsync(laptop, DemoUsers.Alice);
    }
}
