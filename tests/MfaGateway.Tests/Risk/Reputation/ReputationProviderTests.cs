using System.Net;
using MfaGateway.Risk.Reputation;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MfaGateway.Tests.Risk.Reputation;

public sealed class ReputationProviderTests : IAsyncLifetime
{
    private static readonly IPAddress Public = IPAddress.Parse("203.0.113.9");

    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    private ReputationTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ReputationTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _services.DisposeAsync();
    }

    private IpReputationService Service(TimeProvider time, string field = "score", string? threshold = "50", string failureMode = "Open", string timeout = "2s", int cacheSize = 100, ILoggerFactory? loggerFactory = null)
    {
        var errors = new List<ConfigError>();
        var provider = ProviderSettingsCompiler.Compile(
            new ReputationProviderOptions
            {
                Url = _server.UrlTemplate,
                Headers = new() { ["X-Api-Key"] = "test-key" },
                Field = field,
                Threshold = threshold,
                FailureMode = failureMode,
                Timeout = timeout,
                CacheFor = "1h",
                CacheSize = cacheSize,
            },
            "P",
            errors);
        Assert.Empty(errors);
        var settings = new IpReputationSettings { Provider = provider };
        return new IpReputationService(settings, _services.GetRequiredService<IHttpClientFactory>(), time, loggerFactory ?? NullLoggerFactory.Instance);
    }

    [Theory]
    [InlineData(87, true)]
    [InlineData(50, true)]
    [InlineData(49.5, false)]
    [InlineData(0, false)]
    public async Task A_numeric_score_at_or_above_the_threshold_is_suspicious(double score, bool suspicious)
    {
        _server.Respond = _ => (200, $$$"""{"data":{"ipAddress":"203.0.113.9","abuseConfidenceScore":{{{score}}}}}""");
        using var service = Service(TimeProvider.System, field: "data.abuseConfidenceScore");

        var verdict = await service.CheckAsync(Public, null, default);

        Assert.Equal(suspicious, verdict.Suspicious);
        Assert.False(verdict.ProviderUnavailable);
        if (suspicious)
        {
            Assert.Equal([$"reputation provider: score {score} >= 50"], verdict.Reasons);
        }
        else
        {
            Assert.Empty(verdict.Reasons);
        }

        Assert.Equal(["203.0.113.9"], _server.Requests);
        Assert.Equal("test-key", _server.ReceivedHeaders["X-Api-Key"]);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task A_boolean_field_true_is_suspicious(string value, bool suspicious)
    {
        _server.Respond = _ => (200, $$"""{"ip":"203.0.113.9","tor":{{value}},"vpn":false}""");
        using var service = Service(TimeProvider.System, field: "tor", threshold: null);

        var verdict = await service.CheckAsync(Public, null, default);

        Assert.Equal(suspicious, verdict.Suspicious);
        Assert.Equal(suspicious ? ["reputation provider: tor is true"] : [], verdict.Reasons);
    }

    /// <summary>
    /// The acceptance case: the provider does not answer within the timeout. The server holds every
    /// request on a semaphore that is only released when the test ends, so the answer can never
    /// beat the 200 ms timeout, however slow the machine.
    /// </summary>
    [Theory]
    [InlineData("Open", false, new string[0])]
    [InlineData("Closed", true, new[] { "reputation provider unavailable (fail closed)" })]
    public async Task A_provider_slower_than_the_timeout_fails_open_or_closed_as_configured(string failureMode, bool suspicious, string[] reasons)
    {
        _server.HoldAnswers = true;
        using var service = Service(TimeProvider.System, failureMode: failureMode, timeout: "200ms");

        var verdict = await service.CheckAsync(Public, null, default).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, _server.CountFor("203.0.113.9"));
        Assert.True(verdict.ProviderUnavailable);
        Assert.Equal(suspicious, verdict.Suspicious);
        Assert.Equal(reasons, verdict.Reasons);
    }

    [Theory]
    [InlineData(500, """{"score":99}""")]
    [InlineData(503, "")]
    [InlineData(429, """{"error":"rate limited"}""")]
    [InlineData(200, "<html>maintenance</html>")]
    [InlineData(200, """{"score":"high"}""")]
    [InlineData(200, """{"other":1}""")]
    [InlineData(200, "null")]
    public async Task Errors_and_unusable_answers_follow_the_failure_mode(int status, string body)
    {
        _server.Respond = _ => (status, body);
        using var open = Service(TimeProvider.System, failureMode: "Open");
        using var closed = Service(TimeProvider.System, failureMode: "Closed");

        var openVerdict = await open.CheckAsync(Public, null, default);
        var closedVerdict = await closed.CheckAsync(Public, null, default);

        Assert.Equal(new ReputationVerdict(false, [], true), openVerdict with { Reasons = [] });
        Assert.Empty(openVerdict.Reasons);
        Assert.True(closedVerdict.Suspicious);
        Assert.True(closedVerdict.ProviderUnavailable);
        Assert.Equal(["reputation provider unavailable (fail closed)"], closedVerdict.Reasons);
    }

    [Fact]
    public async Task A_failure_is_logged_with_the_reason()
    {
        _server.Respond = _ => (500, "{}");
        var logs = new CapturedLogs();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var service = Service(TimeProvider.System, loggerFactory: loggerFactory);

        await service.CheckAsync(Public, null, default);

        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message == "Reputation provider gave no verdict for 203.0.113.9: HTTP 500; failing Open");
    }

    [Fact]
    public async Task Verdicts_are_cached_until_CacheFor_passes_on_the_clock()
    {
        _server.Respond = _ => (200, """{"score":90}""");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var service = Service(clock);

        var first = await service.CheckAsync(Public, null, default);
        var second = service.CheckAsync(Public, null, default);
        Assert.True(second.IsCompletedSuccessfully); // answered from the cache, synchronously
        Assert.Same(first, await second);
        Assert.Equal(1, _server.CountFor("203.0.113.9"));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            var pending = service.CheckAsync(Public, null, default);
            Assert.True(pending.IsCompletedSuccessfully);
            await pending;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before); // a cached answer costs no allocation

        clock.Advance(TimeSpan.FromMinutes(59));
        await service.CheckAsync(Public, null, default);
        Assert.Equal(1, _server.CountFor("203.0.113.9"));

        clock.Advance(TimeSpan.FromMinutes(1));
        _server.Respond = _ => (200, """{"score":10}""");
        var refreshed = await service.CheckAsync(Public, null, default);
        Assert.Equal(2, _server.CountFor("203.0.113.9"));
        Assert.False(refreshed.Suspicious);
    }

    [Fact]
    public async Task Failures_are_cached_for_thirty_seconds_only()
    {
        _server.Respond = _ => (503, string.Empty);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var service = Service(clock);

        Assert.True((await service.CheckAsync(Public, null, default)).ProviderUnavailable);
        Assert.True((await service.CheckAsync(Public, null, default)).ProviderUnavailable);
        Assert.Equal(1, _server.CountFor("203.0.113.9"));

        _server.Respond = _ => (200, """{"score":1}""");
        clock.Advance(ReputationProviderClient.FailureCacheFor);
        var recovered = await service.CheckAsync(Public, null, default);

        Assert.False(recovered.ProviderUnavailable);
        Assert.Equal(2, _server.CountFor("203.0.113.9"));
    }

    [Fact]
    public async Task Concurrent_checks_of_one_address_share_one_request()
    {
        _server.HoldAnswers = true;
        _server.Respond = _ => (200, """{"score":70}""");
        using var service = Service(TimeProvider.System);

        var checks = Enumerable.Range(0, 20).Select(_ => service.CheckAsync(Public, null, default).AsTask()).ToList();
        Assert.True(await _server.Arrived.WaitAsync(TimeSpan.FromSeconds(10)));
        _server.Gate.Release(20);
        var verdicts = await Task.WhenAll(checks).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(verdicts, v => Assert.True(v.Suspicious));
        Assert.Equal(1, _server.CountFor("203.0.113.9"));
    }

    [Fact]
    public async Task A_cancelled_caller_stops_waiting_while_the_shared_request_still_fills_the_cache()
    {
        _server.HoldAnswers = true;
        using var service = Service(TimeProvider.System);
        using var cancel = new CancellationTokenSource();

        var check = service.CheckAsync(Public, null, cancel.Token).AsTask();
        Assert.True(await _server.Arrived.WaitAsync(TimeSpan.FromSeconds(10)));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check);

        _server.Gate.Release();
        var later = await service.CheckAsync(Public, null, default);
        Assert.False(later.ProviderUnavailable);
        Assert.Equal(1, _server.CountFor("203.0.113.9"));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.10.1")]
    [InlineData("100.64.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:192.168.1.10")]
    public async Task Private_and_local_addresses_are_never_sent_to_the_provider(string address)
    {
        _server.Respond = _ => (200, """{"score":100}""");
        using var service = Service(TimeProvider.System, failureMode: "Closed");

        var verdict = await service.CheckAsync(IPAddress.Parse(address), 16509, default);

        Assert.Same(ReputationVerdict.Clean, verdict);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task IPv4_mapped_addresses_are_asked_about_and_cached_as_IPv4()
    {
        _server.Respond = _ => (200, """{"score":1}""");
        using var service = Service(TimeProvider.System);

        await service.CheckAsync(IPAddress.Parse("::ffff:203.0.113.9"), null, default);
        await service.CheckAsync(Public, null, default);

        Assert.Equal(["203.0.113.9"], _server.Requests);
    }

    [Fact]
    public async Task The_cache_stays_within_its_size()
    {
        _server.Respond = _ => (200, """{"score":1}""");
        using var service = Service(TimeProvider.System, cacheSize: 10);

        for (var i = 1; i <= 40; i++)
        {
            await service.CheckAsync(IPAddress.Parse($"203.0.113.{i}"), null, default);
        }

        Assert.InRange(service.Provider!.CachedCount, 1, 10);
    }
}
