using System.Net;
using MfaGateway.Risk.Reputation;
using MfaGateway.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace MfaGateway.Tests.Risk.Reputation;

public sealed class IpReputationServiceTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private IpReputationService Service(bool withProvider = false)
    {
        _root.Write("tor.txt", "ExitNode ABC\nExitAddress 185.220.101.1 2024-01-01 10:00:00\n");
        _root.Write("level1.netset", "# FireHOL\n185.220.101.0/24\n10.66.0.0/16\n");
        var options = new IpReputationOptions
        {
            BlockLists =
            [
                new BlockListOptions { Name = "tor-exits", Path = "tor.txt" },
                new BlockListOptions { Name = "firehol-level1", Path = "level1.netset", Format = "Netset" },
            ],
            DatacenterAsns = ["AS16509", "14061"],
            Provider = withProvider ? new ReputationProviderOptions { Url = "http://127.0.0.1:9/check/{ip}", Field = "tor" } : null,
        };
        var errors = new List<ConfigError>();
        var settings = IpReputationCompiler.Compile(options, _root.Path, errors);
        Assert.Empty(errors);
        return new IpReputationService(settings!, withProvider ? new NoHttpClients() : null, TimeProvider.System, NullLoggerFactory.Instance, watchFiles: false);
    }

    [Fact]
    public async Task Every_list_that_names_an_address_and_a_hosting_ASN_are_all_reasons()
    {
        using var service = Service();

        var verdict = await service.CheckAsync(IPAddress.Parse("185.220.101.1"), 16509, default);

        Assert.True(verdict.Suspicious);
        Assert.False(verdict.ProviderUnavailable);
        Assert.Equal(["listed in tor-exits", "listed in firehol-level1", "hosting network AS16509"], verdict.Reasons);
    }

    [Theory]
    [InlineData("185.220.101.2", null, "listed in firehol-level1")]
    [InlineData("::ffff:185.220.101.2", null, "listed in firehol-level1")]
    [InlineData("198.51.100.1", 14061L, "hosting network AS14061")]
    public async Task A_single_reason_names_its_source(string address, long? asn, string reason)
    {
        using var service = Service();

        var verdict = await service.CheckAsync(IPAddress.Parse(address), asn, default);

        Assert.True(verdict.Suspicious);
        Assert.Equal([reason], verdict.Reasons);
    }

    [Fact]
    public async Task An_unlisted_address_outside_hosting_networks_is_clean()
    {
        using var service = Service();

        var verdict = await service.CheckAsync(IPAddress.Parse("198.51.100.1"), 3320, default);

        Assert.Same(ReputationVerdict.Clean, verdict);
    }

    [Fact]
    public async Task A_listed_private_range_still_counts_but_the_ASN_rule_never_applies_to_private_addresses()
    {
        using var service = Service();

        var listed = await service.CheckAsync(IPAddress.Parse("10.66.1.1"), 16509, default);
        var unlisted = await service.CheckAsync(IPAddress.Parse("10.67.1.1"), 16509, default);

        Assert.Equal(["listed in firehol-level1"], listed.Reasons);
        Assert.False(unlisted.Suspicious);
    }

    [Fact]
    public async Task A_listed_address_is_not_sent_to_the_provider()
    {
        // NoHttpClients throws if asked: the verdict is settled by the list alone.
        using var service = Service(withProvider: true);

        var verdict = await service.CheckAsync(IPAddress.Parse("185.220.101.1"), null, default);

        Assert.Equal(["listed in tor-exits", "listed in firehol-level1"], verdict.Reasons);
    }

    [Fact]
    public void Local_checks_complete_synchronously_without_allocating()
    {
        using var service = Service();
        var clean = IPAddress.Parse("198.51.100.1");
        var listed = IPAddress.Parse("185.220.101.2");
        var hosting = IPAddress.Parse("198.51.100.2");
        Check(service, clean, 3320);
        Check(service, listed, null);
        Check(service, hosting, 16509);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Check(service, clean, 3320);
            Check(service, listed, null);
            Check(service, hosting, 16509);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void Check(IpReputationService service, IPAddress address, long? asn)
        {
            var pending = service.CheckAsync(address, asn, default);
            Assert.True(pending.IsCompletedSuccessfully);
        }
    }

    [Fact]
    public async Task A_reloaded_list_is_used_by_the_next_check()
    {
        using var service = Service();
        _root.Write("tor.txt", "203.0.113.50\n");

        Assert.True(service.BlockLists[0].Reload().Accepted);
        var verdict = await service.CheckAsync(IPAddress.Parse("203.0.113.50"), null, default);

        Assert.Equal(["listed in tor-exits"], verdict.Reasons);
    }

    private sealed class NoHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("the provider must not be asked");
    }
}
