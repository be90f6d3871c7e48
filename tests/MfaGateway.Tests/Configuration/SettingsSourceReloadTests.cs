using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Factors.Totp;
using MfaGateway.Networking;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Configuration;

/// <summary>
/// The settings sources features read instead of the whole config: each must read the monitor at every
/// use, so an accepted reload shows at once and a rejected one leaves the last good settings.
/// </summary>
public sealed class SettingsSourceReloadTests
{
    [Fact]
    public async Task Totp_settings_and_trusted_proxies_follow_an_accepted_reload_and_survive_a_rejected_one()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var totp = host.Services.GetRequiredService<ITotpSettingsSource>();
        var proxies = host.Services.GetRequiredService<ITrustedProxiesSource>();
        var newProxy = IPAddress.Parse("192.0.2.7");
        Assert.False(proxies.Current.Contains(newProxy));

        var accepted = await host.RewriteConfigAsync(config =>
        {
            var gateway = config["Gateway"]!;
            gateway["Issuer"] = "Reloaded Bank";
            gateway["Totp"] = new JsonObject { ["Window"] = 3 };
            gateway["TrustedProxies"] = new JsonArray("192.0.2.7");
        });

        Assert.True(accepted.Accepted, string.Join('\n', accepted.Errors));
        Assert.Equal(3, totp.Current.Window);
        Assert.Equal("Reloaded Bank", totp.Issuer);
        Assert.True(proxies.Current.Contains(newProxy));

        var rejected = await host.RewriteConfigAsync(config =>
        {
            var gateway = config["Gateway"]!;
            gateway["Issuer"] = "Broken: Bank";
            gateway["Totp"] = new JsonObject { ["Window"] = 99 };
            gateway["TrustedProxies"] = new JsonArray("10.0.0.0/33");
        });

        Assert.False(rejected.Accepted);
        Assert.Equal(3, totp.Current.Window);
        Assert.Equal("Reloaded Bank", totp.Issuer);
        Assert.True(proxies.Current.Contains(newProxy));
    }
}
