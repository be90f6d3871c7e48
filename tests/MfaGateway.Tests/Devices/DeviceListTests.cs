using System.Net;
using MfaGateway.Administration;
using MfaGateway.Tests.Administration;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.SelfService;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Devices;

/// <summary>The security page shows one list: browsers the user verified on, remembered or just recognised.</summary>
public sealed class DeviceListTests
{
    [Fact]
    public async Task Recognised_and_remembered_browsers_are_one_list_in_plain_words()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => AdminFlows.AllowRememberedDevices(config));
        using var enrolment = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, enrolment, DemoUsers.Alice);
        using var remembered = await AdminFlows.RememberedBrowserAsync(host, DemoUsers.Alice, secret);

        var status = await SecurityFlows.JsonOf(await SecurityFlows.GetJsonAsync(remembered));
        var devices = status.GetProperty("devices").EnumerateArray().ToList();
        Assert.Equal(2, devices.Count);
        var current = Assert.Single(devices, d => d.GetProperty("current").GetBoolean());
        Assert.True(current.GetProperty("remembered").GetBoolean());
        Assert.True(current.GetProperty("recognised").GetBoolean());
        Assert.Equal(host.Time.GetUtcNow().AddDays(30), current.GetProperty("remembered_until").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        var other = Assert.Single(devices, d => !d.GetProperty("current").GetBoolean());
        Assert.False(other.GetProperty("remembered").GetBoolean());
        Assert.True(other.GetProperty("recognised").GetBoolean());

        var (_, html) = await SecurityFlows.OpenAsync(remembered);
        var page = WebUtility.HtmlDecode(html);
        Assert.Contains("Your devices", page);
        Assert.Contains("Remembered: signs in without a code until", page);
        Assert.Contains("Recognised: you verified on it before", page);
        Assert.Equal(2, DeviceFlows.ForgetFormIds(html).Count);
    }

    [Fact]
    public async Task Forgetting_a_remembered_browser_also_stops_recognising_it()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => AdminFlows.AllowRememberedDevices(config));
        using var enrolment = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, enrolment, DemoUsers.Alice);
        using var remembered = await AdminFlows.RememberedBrowserAsync(host, DemoUsers.Alice, secret);
        var id = (await SecurityFlows.JsonOf(await SecurityFlows.GetJsonAsync(remembered))).GetProperty("devices").EnumerateArray()
            .Single(d => d.GetProperty("current").GetBoolean()).GetProperty("id").GetString()!;

        var forgotten = await SecurityFlows.SendJsonAsync(remembered, HttpMethod.Delete, $"{SecurityFlows.Api}/devices/{id}");

        Assert.Equal(HttpStatusCode.OK, forgotten.StatusCode);
        var status = await host.Services.GetRequiredService<UserAdministration>().GetStatusAsync(AdminActor.CommandLine, new UserReference("bank", "alice"), default);
        Assert.Empty(status!.TrustedDevices);
        Assert.Single(status.KnownDevices); // the enrolment browser only
        Assert.Equal("/.mfa/challenge", await AdminFlows.SignInDestinationAsync(remembered, DemoUsers.Alice));
    }
}
