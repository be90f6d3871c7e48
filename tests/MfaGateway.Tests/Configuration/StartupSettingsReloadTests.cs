using System.Net;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace MfaGateway.Tests.Configuration;

public sealed class StartupSettingsReloadTests
{
    [Fact]
    public async Task A_reload_changing_the_path_prefix_keeps_the_old_one_and_warns()
    {
        await using var host = await GatewayTestHost.StartAsync();

        var reload = await host.RewriteConfigAsync(config => config["Gateway"]!["PathPrefix"] = "/.auth");
        using var browser = host.NewBrowser();
        var old = await browser.GetAsync("/.mfa/assets/gateway.css");
        var changed = await browser.GetAsync("/.auth/assets/gateway.css");

        Assert.True(reload.Accepted, string.Join("; ", reload.Errors));
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains(host.Logs.Lines, line => line.Level == LogLevel.Warning && line.Message.Contains("read at start-up only", StringComparison.Ordinal));
    }
}
