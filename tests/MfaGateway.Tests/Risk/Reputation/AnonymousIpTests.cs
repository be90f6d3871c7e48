using System.Net;
using MfaGateway.Risk.Geo;
using MfaGateway.Risk.Reputation;
using MfaGateway.Tests.Risk.Geo;
using MfaGateway.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace MfaGateway.Tests.Risk.Reputation;

/// <summary>MaxMind's Anonymous-IP database as a reputation source, on crafted fixtures in its record shape.</summary>
public sealed class AnonymousIpTests : IDisposable
{
    private const string Key = "Gateway:IpReputation:AnonymousIp";

    private readonly GeoTestDatabases _files = new();
    private readonly List<ConfigError> _errors = [];

    public void Dispose() => Directory.Delete(_files.Directory, recursive: true);

    [Fact]
    public void Without_the_section_there_is_no_Anonymous_IP_source()
    {
        var settings = IpReputationCompiler.Compile(new IpReputationOptions(), _files.Directory, _errors);

        Assert.Empty(_errors);
        Assert.Null(settings!.AnonymousIp);
    }

    [Fact]
    public void Every_flag_counts_by_default()
    {
        var settings = Compile(new AnonymousIpOptions { Database = WriteFixture() });

        Assert.Empty(_errors);
        Assert.Equal(AnonymousIpFlags.Vpn | AnonymousIpFlags.HostingProvider | AnonymousIpFlags.TorExitNode | AnonymousIpFlags.PublicProxy | AnonymousIpFlags.ResidentialProxy, settings!.Counted);
        Assert.Equal($"{Key}:Database", settings.Source.ConfigKey);
    }

    [Fact]
    public void Problems_are_listed_with_their_keys()
    {
        var city = _files.Write("city.mmdb", GeoTestDatabases.City(("81.2.69.0/24", "GB", "London")));

        Compile(new AnonymousIpOptions { Database = city, Flags = ["Vpn", "Proxy", "7"] });
        Compile(new AnonymousIpOptions { Database = "missing.mmdb" });
        Compile(new AnonymousIpOptions());

        Assert.Equal(
            [
                $"{Key}:Flags:1: unknown flag 'Proxy' (Vpn, HostingProvider, TorExitNode, PublicProxy or ResidentialProxy)",
                $"{Key}:Flags:2: unknown flag '7' (Vpn, HostingProvider, TorExitNode, PublicProxy or ResidentialProxy)",
                $"{Key}:Database: database type 'Test-City' in '{city}' cannot answer AnonymousIp lookups",
                $"{Key}:Database: file '{_files.Path("missing.mmdb")}' not found",
                $"{Key}:Database: required (the path of a GeoIP2-Anonymous-IP .mmdb file)",
            ],
            _errors.Select(e => e.Text));
        Assert.Equal([$"{Key}:Flags:1", $"{Key}:Flags:2", $"{Key}:Database", $"{Key}:Database", $"{Key}:Database"], _errors.Select(e => e.Key));
        Assert.All(_errors, e => Assert.True(e.IsError));
    }

    [Fact]
    public void An_optional_database_that_is_missing_is_a_warning_and_the_source_is_off()
    {
        var settings = IpReputationCompiler.Compile(
            new IpReputationOptions { AnonymousIp = new AnonymousIpOptions { Database = "missing.mmdb", Optional = true } }, _files.Directory, _errors);

        Assert.Null(settings!.AnonymousIp);
        var warning = Assert.Single(_errors);
        Assert.Equal(ConfigSeverity.Warning, warning.Severity);
        Assert.Equal($"{Key}:Database: file '{_files.Path("missing.mmdb")}' not found", warning.Text);
    }

    [Theory]
    [InlineData("45.33.1.1", "Anonymous-IP: anonymous VPN", "Your connection comes through an anonymous VPN, which we treat as risky.")]
    [InlineData("185.220.101.7", "Anonymous-IP: hosting provider; Anonymous-IP: Tor exit node", "Your connection comes through a hosting provider and a Tor exit node, which we treat as risky.")]
    [InlineData("91.198.1.1", "Anonymous-IP: public proxy", "Your connection comes through a public proxy, which we treat as risky.")]
    [InlineData("::ffff:98.76.1.1", "Anonymous-IP: residential proxy", "Your connection comes through a residential proxy, which we treat as risky.")]
    public async Task A_flagged_address_is_suspicious_and_the_reason_names_the_flag(string address, string audit, string forUser)
    {
        using var service = Service(new AnonymousIpOptions { Database = WriteFixture() });

        var verdict = await service.CheckAsync(IPAddress.Parse(address), null, CancellationToken.None);

        Assert.True(verdict.Suspicious);
        Assert.Equal(audit, string.Join("; ", verdict.Reasons));
        Assert.Equal(forUser, verdict.ForUser);
    }

    [Fact]
    public async Task Only_the_configured_flags_count()
    {
        using var service = Service(new AnonymousIpOptions { Database = WriteFixture(), Flags = ["TorExitNode"] });

        var vpn = await service.CheckAsync(IPAddress.Parse("45.33.1.1"), null, CancellationToken.None);
        var tor = await service.CheckAsync(IPAddress.Parse("185.220.101.7"), null, CancellationToken.None);

        Assert.False(vpn.Suspicious);
        Assert.Equal(["Anonymous-IP: Tor exit node"], tor.Reasons);
    }

    [Theory]
    [InlineData("8.8.8.8")] // not in the database
    [InlineData("81.2.69.142")] // in it, with no flag set
    [InlineData("10.1.2.3")] // flagged in the fixture, but internal addresses are never judged by a public database
    [InlineData("2001:db8::1")] // an IPv6 address no network covers
    public async Task Other_addresses_are_clean(string address)
    {
        using var service = Service(new AnonymousIpOptions { Database = WriteFixture() });

        var verdict = await service.CheckAsync(IPAddress.Parse(address), null, CancellationToken.None);

        Assert.False(verdict.Suspicious);
    }

    [Fact]
    public async Task A_block_list_and_the_Anonymous_IP_database_give_both_reasons()
    {
        var list = _files.Write("tor.txt", "185.220.101.7\n"u8.ToArray());
        var settings = IpReputationCompiler.Compile(
            new IpReputationOptions
            {
                BlockLists = [new BlockListOptions { Name = "tor-exits", Path = list }],
                AnonymousIp = new AnonymousIpOptions { Database = WriteFixture() },
            },
            _files.Directory,
            _errors);
        using var service = new IpReputationService(settings!, null, TimeProvider.System, NullLoggerFactory.Instance, watchFiles: false);

        var verdict = await service.CheckAsync(IPAddress.Parse("185.220.101.7"), null, CancellationToken.None);

        Assert.Equal(["listed in tor-exits", "Anonymous-IP: hosting provider", "Anonymous-IP: Tor exit node"], verdict.Reasons);
        Assert.Equal("Your connection comes through a hosting provider and a Tor exit node, which we treat as risky.", verdict.ForUser);
    }

    private string WriteFixture() => _files.Write("anonymous.mmdb", GeoTestDatabases.AnonymousIp(
        ("45.33.0.0/16", ["is_anonymous_vpn"]),
        ("185.220.101.0/24", ["is_hosting_provider", "is_tor_exit_node"]),
        ("91.198.0.0/16", ["is_public_proxy"]),
        ("98.76.0.0/16", ["is_residential_proxy"]),
        ("81.2.69.0/24", []),
        ("10.0.0.0/8", ["is_anonymous_vpn"])));

    private AnonymousIpSettings? Compile(AnonymousIpOptions options) => AnonymousIpCompiler.Compile(options, _files.Directory, _errors);

    private IpReputationService Service(AnonymousIpOptions options)
    {
        var settings = IpReputationCompiler.Compile(new IpReputationOptions { AnonymousIp = options }, _files.Directory, _errors);
        Assert.Empty(_errors);
        return new IpReputationService(settings!, null, TimeProvider.System, NullLoggerFactory.Instance, watchFiles: false);
    }
}
