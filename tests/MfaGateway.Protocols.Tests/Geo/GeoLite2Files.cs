namespace MfaGateway.Protocols.Tests.Geo;

/// <summary>The real GeoLite2 databases that scripts/fetch-geoip.sh puts in &lt;repo&gt;/data/geoip/.</summary>
internal static class GeoLite2Files
{
    private const string Missing = "GeoLite2 files missing: run scripts/fetch-geoip.sh";

    public static string City => Require("GeoLite2-City.mmdb");

    public static string Country => Require("GeoLite2-Country.mmdb");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string Require(string name)
    {
        var path = Path.Combine(RepositoryRoot, "data", "geoip", name);

        // Fail rather than skip: a silently skipped data test looks exactly like a passing one in CI.
        Assert.True(File.Exists(path), $"{Missing} (looked for {path})");
        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MfaGateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No MfaGateway.sln above {AppContext.BaseDirectory}.");
    }
}
