using MfaGateway.Risk.Geo;

namespace MfaGateway.Tests.Risk.Geo;

/// <summary>The real GeoLite2 databases that scripts/fetch-geoip.sh puts in &lt;repo&gt;/data/geoip/, opened by the gateway's loader.</summary>
internal static class GeoLite2Files
{
    private const string Missing = "GeoLite2 files missing: run scripts/fetch-geoip.sh";

    public static string City => Require("GeoLite2-City.mmdb");

    public static string Country => Require("GeoLite2-Country.mmdb");

    public static string RepositoryRoot => Infrastructure.RepositoryRoot.Path;

    /// <summary>Opens <paramref name="path"/> as the gateway does (frame check, MaxMind's reader, probe), failing the test if refused.</summary>
    public static GeoDatabase Open(string path, GeoDatabaseRole role)
    {
        var database = GeoDatabaseLoader.TryOpen(path, role, out var problem, out _);
        Assert.True(database is not null, problem);
        return database;
    }

    private static string Require(string name)
    {
        var path = Path.Combine(RepositoryRoot, "data", "geoip", name);

        // Fail rather than skip: a silently skipped data test looks exactly like a passing one in CI.
        Assert.True(File.Exists(path), $"{Missing} (looked for {path})");
        return path;
    }
}
