using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using MfaGateway.Observability;

namespace MfaGateway.Risk.Reputation;

/// <summary>
/// Asks an HTTP reputation service about an address. Answers are cached, and concurrent questions
/// about one address share a single request, because such services are slow, metered and
/// rate-limited, and a login burst from one address should cost one call.
/// </summary>
public sealed partial class ReputationProviderClient
{
    /// <summary>The named <see cref="HttpClient"/> this client asks <see cref="IHttpClientFactory"/> for.</summary>
    public const string HttpClientName = "MfaGateway.IpReputation";

    /// <summary>Failures are remembered briefly only, so an outage stops mattering soon after it ends.</summary>
    public static readonly TimeSpan FailureCacheFor = TimeSpan.FromSeconds(30);

    // Reputation answers are a few hundred bytes; a larger body is a misconfigured URL.
    private const int MaxResponseBytes = 64 * 1024;

    private readonly ReputationProviderSettings _settings;
    private readonly IHttpClientFactory _httpClients;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly VerdictCache _cache;
    private readonly ConcurrentDictionary<IPAddress, Lazy<Task<ReputationVerdict>>> _inFlight = new();
    private readonly ReputationVerdict _failureVerdict;

    public ReputationProviderClient(ReputationProviderSettings settings, IHttpClientFactory httpClients, TimeProvider time, ILogger<ReputationProviderClient> logger)
    {
        _settings = settings;
        _httpClients = httpClients;
        _time = time;
        _logger = logger;
        _cache = new VerdictCache(settings.CacheSize);
        _failureVerdict = settings.FailureMode == ProviderFailureMode.Closed ? ReputationVerdict.UnavailableFailClosed : ReputationVerdict.UnavailableFailOpen;
    }

    internal int CachedCount => _cache.Count;

    /// <param name="address">Already normalized (IPv4-mapped as IPv4) and public; the caller keeps private addresses away.</param>
    /// <param name="cancellationToken">Stops this caller's wait only; the shared request runs on, for the others and the cache.</param>
    public ValueTask<ReputationVerdict> CheckAsync(IPAddress address, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(address, _time.GetUtcNow(), out var cached))
        {
            return new ValueTask<ReputationVerdict>(cached);
        }

        var request = _inFlight.GetOrAdd(address, static (a, self) => new Lazy<Task<ReputationVerdict>>(() => self.FetchAndCacheAsync(a)), this);
        return new ValueTask<ReputationVerdict>(request.Value.WaitAsync(cancellationToken));
    }

    private async Task<ReputationVerdict> FetchAndCacheAsync(IPAddress address)
    {
        try
        {
            var verdict = await FetchAsync(address).ConfigureAwait(false);
            var keepFor = verdict.ProviderUnavailable ? TimeSpan.FromTicks(Math.Min(FailureCacheFor.Ticks, _settings.CacheFor.Ticks)) : _settings.CacheFor;
            var now = _time.GetUtcNow();
            _cache.Set(address, verdict, now + keepFor, now);
            return verdict;
        }
        finally
        {
            _inFlight.TryRemove(address, out _);
        }
    }

    private async Task<ReputationVerdict> FetchAsync(IPAddress address)
    {
        using var timeout = new CancellationTokenSource(_settings.Timeout, _time);
        try
        {
            var client = _httpClients.CreateClient(HttpClientName);
            client.MaxResponseContentBufferSize = MaxResponseBytes;
            var url = _settings.UrlTemplate.Replace(ProviderSettingsCompiler.Placeholder, Uri.EscapeDataString(address.ToString()), StringComparison.Ordinal);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            foreach (var (name, value) in _settings.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Failed(address, $"HTTP {(int)response.StatusCode}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            using var json = JsonDocument.Parse(body);
            return ProviderAnswerReader.Read(json.RootElement, _settings, out var problem) ?? Failed(address, problem!);
        }
        catch (OperationCanceledException)
        {
            // Only the timeout (ours or HttpClient's own) cancels this request: callers cancel their wait, not it.
            return Failed(address, $"no answer within {_settings.Timeout.TotalMilliseconds} ms");
        }
        catch (HttpRequestException e)
        {
            return Failed(address, e.Message);
        }
        catch (JsonException)
        {
            return Failed(address, "the answer is not JSON");
        }
        catch (InvalidOperationException e)
        {
            // E.g. a URL the handler refuses; a risk check must end in a verdict, not an exception.
            return Failed(address, e.Message);
        }
    }

    private ReputationVerdict Failed(IPAddress address, string problem)
    {
        LogProviderFailed(_logger, address, problem, _settings.FailureMode);
        return _failureVerdict;
    }

    [LoggerMessage(EventId = EventIds.ReputationProviderFailed, Level = LogLevel.Warning, Message = "Reputation provider gave no verdict for {Address}: {Problem}; failing {FailureMode}")]
    private static partial void LogProviderFailed(ILogger logger, IPAddress address, string problem, ProviderFailureMode failureMode);
}
