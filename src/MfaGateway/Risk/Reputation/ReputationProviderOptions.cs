namespace MfaGateway.Risk.Reputation;

public sealed class ReputationProviderOptions
{
    /// <summary>Absolute http(s) URL with an {ip} placeholder, e.g. "https://api.example/check?ip={ip}".</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>Sent with every request, e.g. an API key.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string Timeout { get; set; } = "2s";

    public string CacheFor { get; set; } = "1h";

    /// <summary>Upper bound on cached verdicts, so a scan from many addresses cannot grow memory.</summary>
    public int CacheSize { get; set; } = 10_000;

    /// <summary>Open (an unreachable provider flags nothing) or Closed (it flags every address it was asked about).</summary>
    public string FailureMode { get; set; } = nameof(ProviderFailureMode.Open);

    /// <summary>Dot path into the JSON answer, e.g. "data.abuseConfidenceScore" or "tor".</summary>
    public string Field { get; set; } = string.Empty;

    /// <summary>A numeric field at or above this is suspicious; not needed for a boolean field.</summary>
    public string? Threshold { get; set; }
}
