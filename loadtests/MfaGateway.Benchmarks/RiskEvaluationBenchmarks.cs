using System.Net;
using BenchmarkDotNet.Attributes;
using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.PasswordChanges;
using MfaGateway.Risk;
using MfaGateway.Risk.Devices;
using MfaGateway.Risk.Geo;
using MfaGateway.Risk.Reputation;
using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;
using MfaGateway.Validation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace MfaGateway.Benchmarks;

/// <summary>
/// What risk costs. A full evaluation (every trigger, the real GeoLite2 City file, a Tor exit list,
/// the user's history in SQLite) runs only when a request has no session that satisfies the policy;
/// the per-request cost on a session that does is the password-change lookup, measured apart.
/// </summary>
[MemoryDiagnoser]
public class RiskEvaluationBenchmarks
{
    private static readonly IPAddress Lisbon = IPAddress.Parse("194.65.0.1");
    private static readonly IPAddress Tokyo = IPAddress.Parse("133.11.0.1");

    private RiskEvaluator _evaluator = null!;
    private GatewayConfig _config = null!;
    private UserRecord _user = null!;
    private string _deviceToken = null!;
    private RecentPasswordChanges _noChanges = null!;
    private RecentPasswordChanges _someChanges = null!;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    [GlobalSetup]
    public void Setup()
    {
        var root = RepositoryRoot.Find();
        var work = Directory.CreateTempSubdirectory("mfa-bench-risk-").FullName;
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "config", "gateway.json")).Build();
        _config = GatewayConfigCompiler.Compile(configuration, out var configErrors)
            ?? throw new InvalidOperationException(string.Join(Environment.NewLine, configErrors));

        var errors = new List<ConfigError>();
        var geo = GeoIpSettingsCompiler.Compile(new GeoIpOptions { CityDatabase = Path.Combine(root, "data", "geoip", "GeoLite2-City.mmdb") }, root, errors);
        var torList = Path.Combine(work, "tor-exits.txt");
        File.WriteAllLines(torList, Enumerable.Range(0, 1500).Select(i => $"ExitAddress 185.220.{i / 250}.{i % 250} 2026-11-21 19:11:42"));
        var reputation = IpReputationCompiler.Compile(new IpReputationOptions { BlockLists = [new BlockListOptions { Name = "tor-exits", Path = torList }] }, work, errors);
        if (errors.HasErrors() || reputation is null)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        }

        var database = new SqliteDatabase(Path.Combine(work, "gateway.db"));
        database.Migrate(); // the gateway runs migrations as a start-up step; a bare database must be migrated by hand
        var users = new SqliteUserStore(database);
        var history = new SqliteRiskHistoryStore(database);
        _user = users.GetOrCreateAsync("bank", "alice", _now, default).GetAwaiter().GetResult();
        var deviceIds = new DeviceIdProtector(DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(work, "keys"))));
        var issued = deviceIds.Issue();
        var deviceId = issued.Id;
        _deviceToken = issued.Token;
        history.RememberDeviceAsync(new KnownDevice(_user.Id, deviceId, "Firefox on Linux", _now, _now, "194.65.0.1", "Lisbon, Portugal"), default).GetAwaiter().GetResult();
        history.RememberPlaceAsync(_user.Id, new KnownPlace("PT", "Lisbon", 0, 38.7174, -9.1321, 1, _now, _now), default).GetAwaiter().GetResult();
        history.SetMfaPositionAsync(_user.Id, new MfaPosition(_now.AddDays(-1), "Lisbon, Portugal", 38.7174, -9.1321, 1), default).GetAwaiter().GetResult();

        _evaluator = new RiskEvaluator(
            new GeoLocator(geo, NullLogger<GeoLocator>.Instance, TimeProvider.System),
            new IpReputationService(reputation, null, TimeProvider.System, NullLoggerFactory.Instance, watchFiles: false),
            history,
            deviceIds,
            TimeProvider.System);

        var monitor = new GatewayConfigMonitor(configuration, NullLogger<GatewayConfigMonitor>.Instance);
        _noChanges = new RecentPasswordChanges(users, monitor, TimeProvider.System);
        _someChanges = new RecentPasswordChanges(users, monitor, TimeProvider.System);
        for (var i = 0; i < 1000; i++)
        {
            _someChanges.Add("bank", $"user{i}", _now.AddHours(-1));
        }

        if (EvaluateKnownDeviceAndPlace().Result.Action != RiskAction.Off || EvaluateNewDeviceFromNewCountry().Result.Action != RiskAction.Challenge)
        {
            throw new InvalidOperationException("the benchmark's scenarios do not evaluate as intended");
        }
    }

    /// <summary>A returning user on a known device in a known place: every trigger checked, none fires.</summary>
    [Benchmark(Baseline = true)]
    public Task<RiskAssessment> EvaluateKnownDeviceAndPlace() => _evaluator.EvaluateAsync(Origin(Lisbon, _deviceToken), _config.Risk, RiskRules.AllChallenge, _user, default);

    /// <summary>No device cookie, an unknown country, 11,000 km from the last MFA a day ago: three triggers fire.</summary>
    [Benchmark]
    public Task<RiskAssessment> EvaluateNewDeviceFromNewCountry() => _evaluator.EvaluateAsync(Origin(Tokyo, null), _config.Risk, RiskRules.AllChallenge, _user, default);

    /// <summary>Per request on a valid session under a RiskBased policy, when no password changed recently (the usual case).</summary>
    [Benchmark]
    public DateTimeOffset? SessionPasswordCheckNoRecentChanges() => _noChanges.LatestWithin("bank", "alice", _now, TimeSpan.FromHours(24));

    /// <summary>The same with 1,000 other users' recent changes in memory.</summary>
    [Benchmark]
    public DateTimeOffset? SessionPasswordCheckWithRecentChanges() => _someChanges.LatestWithin("bank", "alice", _now, TimeSpan.FromHours(24));

    private static RequestOrigin Origin(IPAddress client, string? deviceToken) =>
        new(client, "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", deviceToken);
}
