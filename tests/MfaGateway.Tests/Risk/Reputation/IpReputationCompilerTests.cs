using System.Net;
using MfaGateway.Risk.Reputation;
using MfaGateway.Validation;
using Microsoft.Extensions.Configuration;

namespace MfaGateway.Tests.Risk.Reputation;

public sealed class IpReputationCompilerTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private static IpReputationOptions Bind(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(IpReputationOptions.SectionName).Get<IpReputationOptions>()!;

    [Fact]
    public void A_full_configuration_compiles_with_relative_paths_against_the_content_root()
    {
        _root.Write("lists/level1.netset", "# header\n10.0.0.0/8\n");
        _root.Write("lists/tor.txt", "ExitNode ABC\nExitAddress 185.220.101.1 2024-01-01 10:00:00\n");
        _root.Write("asns.txt", "# hosting providers\n16509 # Amazon\nAS14061\n\n");
        var options = Bind(new()
        {
            ["Gateway:IpReputation:BlockLists:0:Name"] = "firehol-level1",
            ["Gateway:IpReputation:BlockLists:0:Path"] = "lists/level1.netset",
            ["Gateway:IpReputation:BlockLists:0:Format"] = "Netset",
            ["Gateway:IpReputation:BlockLists:1:Name"] = "tor-exits",
            ["Gateway:IpReputation:BlockLists:1:Path"] = "lists/tor.txt",
            ["Gateway:IpReputation:DatacenterAsns:0"] = "24940",
            ["Gateway:IpReputation:DatacenterAsns:1"] = "AS8075",
            ["Gateway:IpReputation:DatacenterAsnFile"] = "asns.txt",
            ["Gateway:IpReputation:Provider:Url"] = "https://api.example.test/check?ip={ip}",
            ["Gateway:IpReputation:Provider:Headers:Key"] = "secret",
            ["Gateway:IpReputation:Provider:Timeout"] = "500ms",
            ["Gateway:IpReputation:Provider:FailureMode"] = "closed",
            ["Gateway:IpReputation:Provider:Field"] = "data.abuseConfidenceScore",
            ["Gateway:IpReputation:Provider:Threshold"] = "50",
        });
        var errors = new List<ConfigError>();

        var settings = IpReputationCompiler.Compile(options, _root.Path, errors);

        Assert.Empty(errors);
        Assert.NotNull(settings);
        Assert.Equal(["firehol-level1", "tor-exits"], settings.BlockLists.Select(b => b.Name));
        Assert.Equal(Path.Combine(_root.Path, "lists", "level1.netset"), settings.BlockLists[0].FullPath);
        Assert.True(settings.BlockLists[1].Initial.Contains(IPAddress.Parse("185.220.101.1")));
        Assert.Equal([8075L, 14061, 16509, 24940], settings.DatacenterAsns.Order());
        var provider = settings.Provider!;
        Assert.Equal(TimeSpan.FromMilliseconds(500), provider.Timeout);
        Assert.Equal(TimeSpan.FromHours(1), provider.CacheFor);
        Assert.Equal(ProviderFailureMode.Closed, provider.FailureMode);
        Assert.Equal(["data", "abuseConfidenceScore"], provider.FieldPath);
        Assert.Equal(50, provider.Threshold);
        Assert.Equal("secret", provider.Headers["key"]);
    }

    [Fact]
    public void Every_mistake_is_listed_at_once_under_its_config_key()
    {
        _root.Write("bad.netset", "# header\n10.0.0.0/8\n1.2.3\n\n# fine\n10.0.0.1/8\n");
        _root.Write("asns.txt", "16509\nAmazon\n");
        var options = new IpReputationOptions
        {
            BlockLists =
            [
                new BlockListOptions { Name = "missing", Path = "nowhere/x.netset" },
                new BlockListOptions { Name = "weird", Path = "bad.netset", Format = "Csv" },
                new BlockListOptions { Name = "broken", Path = "bad.netset" },
                new BlockListOptions { Name = "", Path = "" },
            ],
            DatacenterAsns = ["16509", "ASx", "0"],
            DatacenterAsnFile = "asns.txt",
            Provider = new ReputationProviderOptions
            {
                Url = "ftp://api.example.test/check",
                Timeout = "soon",
                CacheFor = "0s",
                FailureMode = "Maybe",
                Field = "data..score",
                Threshold = "high",
            },
        };
        var errors = new List<ConfigError>();

        var settings = IpReputationCompiler.Compile(options, _root.Path, errors);

        Assert.Null(settings);
        var notFound = Path.Combine(_root.Path, "nowhere", "x.netset");
        var bad = Path.Combine(_root.Path, "bad.netset");
        Assert.Contains($"Gateway:IpReputation:BlockLists:0:Path: file '{notFound}' not found", errors.Select(e => e.Text));
        Assert.Contains("Gateway:IpReputation:BlockLists:1:Format: unknown format 'Csv' (Auto, Plain, Netset or TorExitList)", errors.Select(e => e.Text));
        Assert.Contains(errors, e => e.Text.StartsWith($"Gateway:IpReputation:BlockLists:2:Path: '{bad}' has 2 malformed line(s): line 3: '1.2.3' is not an IP address", StringComparison.Ordinal)
            && e.Text.Contains("line 6: '10.0.0.1/8' has host bits set", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Text.StartsWith("Gateway:IpReputation:BlockLists:3:Name: required", StringComparison.Ordinal));
        Assert.Contains("Gateway:IpReputation:BlockLists:3:Path: required", errors.Select(e => e.Text));
        Assert.Contains("Gateway:IpReputation:DatacenterAsns:1: 'ASx' is not an AS number (write 16509 or AS16509)", errors.Select(e => e.Text));
        Assert.Contains(errors, e => e.Text.StartsWith("Gateway:IpReputation:DatacenterAsns:2: '0'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Text.StartsWith("Gateway:IpReputation:DatacenterAsnFile:", StringComparison.Ordinal) && e.Text.Contains("line 2: 'Amazon' is not an AS number", StringComparison.Ordinal));
        Assert.Contains("Gateway:IpReputation:Provider:Url: 'ftp://api.example.test/check' lacks the {ip} placeholder where the address goes", errors.Select(e => e.Text));
        Assert.Contains("Gateway:IpReputation:Provider:Url: 'ftp://api.example.test/check' is not an absolute http or https URL", errors.Select(e => e.Text));
        Assert.Contains(errors, e => e.Text.StartsWith("Gateway:IpReputation:Provider:Timeout: 'soon'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Text.StartsWith("Gateway:IpReputation:Provider:CacheFor: '0s'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Text.StartsWith("Gateway:IpReputation:Provider:FailureMode: 'Maybe'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Text.StartsWith("Gateway:IpReputation:Provider:Field: 'data..score'", StringComparison.Ordinal));
        Assert.Contains("Gateway:IpReputation:Provider:Threshold: 'high' is not a number", errors.Select(e => e.Text));
        Assert.Equal(16, errors.Count);
    }

    [Theory]
    [InlineData("https://api.example.test/check", "lacks the {ip} placeholder")]
    [InlineData("/check?ip={ip}", "not an absolute http or https URL")]
    [InlineData("", "required")]
    public void Provider_urls_must_be_absolute_http_with_the_placeholder(string url, string expected)
    {
        var errors = new List<ConfigError>();

        ProviderSettingsCompiler.Compile(new ReputationProviderOptions { Url = url, Field = "tor" }, "P", errors);

        Assert.Contains(errors, e => e.Text.StartsWith("P:Url: ", StringComparison.Ordinal) && e.Text.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Json_numbers_and_AS_strings_both_bind_as_AS_numbers()
    {
        var json = """{ "Gateway": { "IpReputation": { "DatacenterAsns": [16509, "AS14061", "as8075"] } } }""";
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        var options = configuration.GetSection(IpReputationOptions.SectionName).Get<IpReputationOptions>()!;
        var errors = new List<ConfigError>();

        var settings = IpReputationCompiler.Compile(options, _root.Path, errors);

        Assert.Empty(errors);
        Assert.Equal([8075L, 14061, 16509], settings!.DatacenterAsns.Order());
    }

    [Fact]
    public void No_section_means_reputation_is_off()
    {
        var settings = IpReputationCompiler.Compile(null, _root.Path, []);

        Assert.Same(IpReputationSettings.Disabled, settings);
    }
}
