using MfaGateway.Risk.Geo;
using MfaGateway.Validation;

namespace MfaGateway.Tests.Risk.Geo;

public sealed class GeoIpSettingsCompilerTests
{
    private readonly GeoTestDatabases files = new();
    private readonly List<ConfigError> problems = [];

    private List<string> Errors => [.. problems.Where(p => p.IsError).Select(p => p.Text)];

    private List<string> Warnings => [.. problems.Where(p => p.Severity == ConfigSeverity.Warning).Select(p => p.Text)];

    [Fact]
    public void No_databases_configured_means_no_signals_and_no_problems()
    {
        var settings = GeoIpSettingsCompiler.Compile(new GeoIpOptions(), files.Directory, problems);

        Assert.Equal(GeoIpSettings.Disabled, settings);
        Assert.Empty(Errors);
        Assert.Empty(Warnings);
    }

    [Fact]
    public void Valid_databases_are_opened_with_relative_paths_resolved_against_the_content_root()
    {
        files.Write("city.mmdb", GeoTestDatabases.City(("81.2.69.0/24", "GB", "London")));
        files.Write("asn.mmdb", GeoTestDatabases.Asn(("81.2.69.0/24", 20_712, "Andrews & Arnold")));

        var settings = GeoIpSettingsCompiler.Compile(
            new GeoIpOptions { CityDatabase = "city.mmdb", AsnDatabase = files.Path("asn.mmdb") }, files.Directory, problems);

        Assert.Empty(Errors);
        Assert.Empty(Warnings);
        Assert.Equal(files.Path("city.mmdb"), settings.Location!.Path);
        Assert.Equal(GeoDatabaseRole.City, settings.Location.Role);
        Assert.Equal("Gateway:GeoIp:CityDatabase", settings.Location.ConfigKey);
        Assert.Equal(GeoDatabaseRole.Asn, settings.Asn!.Role);
    }

    [Fact]
    public void Every_problem_is_listed_at_once_with_its_config_key()
    {
        files.Write("notes.txt", "not a database"u8.ToArray());

        GeoIpSettingsCompiler.Compile(
            new GeoIpOptions { CityDatabase = "missing.mmdb", AsnDatabase = "notes.txt" }, files.Directory, problems);

        Assert.Equal(
            [
                $"Gateway:GeoIp:CityDatabase: file '{files.Path("missing.mmdb")}' not found",
                $"Gateway:GeoIp:AsnDatabase: file '{files.Path("notes.txt")}' is not a usable MaxMind DB file: metadata marker not found — not a MaxMind DB file or truncated",
            ],
            Errors);
        Assert.Empty(Warnings);
    }

    [Fact]
    public void A_database_of_the_wrong_type_is_refused_for_its_role()
    {
        files.Write("country.mmdb", GeoTestDatabases.Country(("81.2.69.0/24", "GB")));
        files.Write("city.mmdb", GeoTestDatabases.City(("81.2.69.0/24", "GB", "London")));

        GeoIpSettingsCompiler.Compile(
            new GeoIpOptions { CityDatabase = "country.mmdb", AsnDatabase = "city.mmdb" }, files.Directory, problems);

        Assert.Equal(
            [
                $"Gateway:GeoIp:CityDatabase: database type 'Test-Country' in '{files.Path("country.mmdb")}' cannot answer City lookups",
                $"Gateway:GeoIp:AsnDatabase: database type 'Test-City' in '{files.Path("city.mmdb")}' cannot answer Asn lookups",
            ],
            Errors);
    }

    [Fact]
    public void A_truncated_file_is_reported_with_what_is_wrong()
    {
        var whole = GeoTestDatabases.City(("81.2.69.0/24", "GB", "London"));
        files.Write("city.mmdb", whole[..^3]);

        GeoIpSettingsCompiler.Compile(new GeoIpOptions { CityDatabase = "city.mmdb" }, files.Directory, problems);

        var error = Assert.Single(Errors);
        Assert.StartsWith($"Gateway:GeoIp:CityDatabase: file '{files.Path("city.mmdb")}' is not a usable MaxMind DB file: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_turns_the_problems_into_warnings_and_the_signals_off()
    {
        files.Write("asn.mmdb", GeoTestDatabases.Asn(("81.2.69.0/24", 20_712, "Andrews & Arnold")));

        var settings = GeoIpSettingsCompiler.Compile(
            new GeoIpOptions { CityDatabase = "missing.mmdb", AsnDatabase = "asn.mmdb", Optional = true }, files.Directory, problems);

        Assert.Empty(Errors);
        Assert.Equal([$"Gateway:GeoIp:CityDatabase: file '{files.Path("missing.mmdb")}' not found"], Warnings);
        Assert.Null(settings.Location);
        Assert.NotNull(settings.Asn);
    }

    [Fact]
    public void A_Country_database_is_used_when_no_City_database_is_set_and_ignored_when_one_is()
    {
        files.Write("country.mmdb", GeoTestDatabases.Country(("81.2.69.0/24", "GB")));
        files.Write("city.mmdb", GeoTestDatabases.City(("81.2.69.0/24", "GB", "London")));

        var countryOnly = GeoIpSettingsCompiler.Compile(new GeoIpOptions { CountryDatabase = "country.mmdb" }, files.Directory, problems);
        var both = GeoIpSettingsCompiler.Compile(
            new GeoIpOptions { CityDatabase = "city.mmdb", CountryDatabase = "country.mmdb" }, files.Directory, problems);

        Assert.Empty(Errors);
        Assert.Equal(GeoDatabaseRole.Country, countryOnly.Location!.Role);
        Assert.Equal(GeoDatabaseRole.City, both.Location!.Role);
        Assert.Equal(["Gateway:GeoIp:CountryDatabase: ignored, because CityDatabase is set and answers Country lookups too"], Warnings);
    }
}
