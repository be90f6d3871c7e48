using System.Diagnostics;
using System.Net;
using MfaGateway.Risk.Geo;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Validation;
using Microsoft.Extensions.Logging;

namespace MfaGateway.Tests.Risk.Geo;

public sealed class GeoLocatorTests : IDisposable
{
    private static readonly TimeSpan ReloadWait = TimeSpan.FromSeconds(20);

    private readonly GeoTestDatabases files = new();
    private readonly CapturedLogs logs = new();
    private readonly ILoggerFactory loggerFactory;
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    public GeoLocatorTests()
    {
        loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
    }

    [Fact]
    public void City_and_ASN_answers_are_combined()
    {
        using var locator = Locator(
            GeoTestDatabases.City(("81.2.69.0/24", "GB", "London")),
            GeoTestDatabases.Asn(("81.2.0.0/16", 20_712, "Andrews & Arnold"), ("9.9.9.0/24", 19_281, "Quad9")));

        Assert.True(locator.LocationEnabled);
        Assert.True(locator.AsnEnabled);
        Assert.Equal(
            new GeoPlace("GB", "Country GB", "London", 52.5, 13.25, 20, 20_712, "Andrews & Arnold"),
            locator.Locate(IPAddress.Parse("81.2.69.142")));
        Assert.Equal(new GeoPlace(null, null, null, null, null, null, 19_281, "Quad9"), locator.Locate(IPAddress.Parse("9.9.9.9")));
        Assert.Null(locator.Locate(IPAddress.Parse("8.8.8.8")));
    }

    [Fact]
    public void IPv4_mapped_IPv6_addresses_are_located_as_IPv4()
    {
        // Writer-built files have no ::ffff:0:0/96 alias, so only a normalised address can be found.
        using var locator = Locator(GeoTestDatabases.City(("81.2.69.0/24", "GB", "London")));

        Assert.Equal("London", locator.Locate(IPAddress.Parse("::ffff:81.2.69.142"))?.City);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("192.0.2.1")]
    [InlineData("198.51.100.1")]
    [InlineData("203.0.113.9")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:10.1.2.3")]
    public void Special_purpose_addresses_are_never_located_even_when_a_database_has_them(string address)
    {
        // The database deliberately places these networks somewhere, so a null proves no lookup happened.
        using var locator = Locator(
            GeoTestDatabases.City(
                ("0.0.0.0/1", "XA", "Anywhere low"),
                ("128.0.0.0/1", "XB", "Anywhere high"),
                ("::/1", "XC", "Anywhere IPv6"),
                ("8000::/1", "XD", "Anywhere IPv6 high")),
            GeoTestDatabases.Asn(("0.0.0.0/1", 1, "Everyone"), ("128.0.0.0/1", 2, "Everyone"), ("::/1", 3, "Everyone"), ("8000::/1", 4, "Everyone")));

        Assert.Null(locator.Locate(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_Country_database_gives_country_only()
    {
        files.Write("country.mmdb", GeoTestDatabases.Country(("81.2.69.0/24", "GB")));
        var settings = Compile(new GeoIpOptions { CountryDatabase = "country.mmdb" });
        using var locator = new GeoLocator(settings, loggerFactory.CreateLogger<GeoLocator>(), time);

        Assert.Equal(new GeoPlace("GB", "Country GB", null, null, null, null, null, null), locator.Locate(IPAddress.Parse("81.2.69.1")));
        Assert.False(locator.AsnEnabled);
    }

    [Fact]
    public void Without_databases_nothing_is_located()
    {
        using var locator = new GeoLocator(GeoIpSettings.Disabled, loggerFactory.CreateLogger<GeoLocator>(), time);

        Assert.False(locator.LocationEnabled);
        Assert.False(locator.AsnEnabled);
        Assert.Null(locator.Locate(IPAddress.Parse("81.2.69.142")));
    }

    [Fact]
    public async Task A_file_replaced_on_disk_gives_new_answers()
    {
        using var locator = Locator(GeoTestDatabases.City(("81.2.69.0/24", "GB", "London")));
        var address = IPAddress.Parse("81.2.69.142");

        files.Replace("city.mmdb", GeoTestDatabases.City(("81.2.69.0/24", "DE", "Berlin")));

        await AdvanceUntil(() => locator.Locate(address)?.City == "Berlin");
        Assert.Equal("DE", locator.Locate(address)?.CountryCode);
        Assert.Contains(logs.Lines, line => line.Level == LogLevel.Information && line.Message.Contains("reloaded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_corrupt_replacement_keeps_the_old_answers_and_logs_a_warning()
    {
        using var locator = Locator(GeoTestDatabases.City(("81.2.69.0/24", "GB", "London")));
        var address = IPAddress.Parse("81.2.69.142");
        var replacement = GeoTestDatabases.City(("81.2.69.0/24", "DE", "Berlin"));

        // Overwritten in place and cut short, as an interrupted copy leaves it.
        File.WriteAllBytes(files.Path("city.mmdb"), replacement[..(replacement.Length / 2)]);

        await AdvanceUntil(() => logs.Lines.Any(line => line.Level == LogLevel.Warning));
        Assert.Equal("London", locator.Locate(address)?.City);
        var warning = logs.Lines.First(line => line.Level == LogLevel.Warning).Message;
        Assert.Contains("Gateway:GeoIp:CityDatabase: the changed file was not loaded, the previous database stays in use", warning, StringComparison.Ordinal);
        Assert.Contains("metadata marker not found", warning, StringComparison.Ordinal);

        // A good file afterwards is picked up as usual.
        files.Replace("city.mmdb", replacement);
        await AdvanceUntil(() => locator.Locate(address)?.City == "Berlin");
    }

    [Fact]
    public async Task A_replacement_of_the_wrong_type_is_refused()
    {
        using var locator = Locator(GeoTestDatabases.City(("81.2.69.0/24", "GB", "London")));

        files.Replace("city.mmdb", GeoTestDatabases.Asn(("81.2.69.0/24", 1, "Not a city")));

        await AdvanceUntil(() => logs.Lines.Any(line => line.Level == LogLevel.Warning));
        Assert.Contains("cannot answer City lookups", logs.Lines.First(line => line.Level == LogLevel.Warning).Message, StringComparison.Ordinal);
        Assert.Equal("London", locator.Locate(IPAddress.Parse("81.2.69.142"))?.City);
    }

    public void Dispose() => loggerFactory.Dispose();

    private GeoLocator Locator(byte[] city, byte[]? asn = null)
    {
        files.Write("city.mmdb", city);
        if (asn is not null)
        {
            files.Write("asn.mmdb", asn);
        }

        var settings = Compile(new GeoIpOptions { CityDatabase = "city.mmdb", AsnDatabase = asn is null ? null : "asn.mmdb" });
        return new GeoLocator(settings, loggerFactory.CreateLogger<GeoLocator>(), time);
    }

    private GeoIpSettings Compile(GeoIpOptions options)
    {
        var errors = new List<ConfigError>();
        var settings = GeoIpSettingsCompiler.Compile(options, files.Directory, errors);
        Assert.Empty(errors);
        return settings;
    }

    /// <summary>
    /// File events arrive on their own thread whenever the OS delivers them; the debounce then runs on the
    /// fake clock. So the clock is moved past the debounce repeatedly until the condition holds.
    /// </summary>
    private async Task AdvanceUntil(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < ReloadWait, $"no reload within {ReloadWait.TotalSeconds} s of wall-clock time");
            await Task.Delay(50);
            time.Advance(TimeSpan.FromSeconds(3));
        }
    }
}
