namespace MfaGateway.Configuration;

/// <summary>
/// The "Gateway" section as written by the operator. Values that can be wrong (levels, durations,
/// patterns, networks) are kept as strings here so that <see cref="GatewayConfigCompiler"/> can
/// report every mistake at once instead of the binder stopping at the first one.
/// </summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>URL prefix of the gateway's own pages and API. Read at start-up only.</summary>
    public string PathPrefix { get; set; } = "/.mfa";

    /// <summary>Where the SQLite database and the Data Protection key ring live. Read at start-up only.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Name shown in authenticator apps and on the hosted pages.</summary>
    public string Issuer { get; set; } = "MFA Gateway";

    /// <summary>Networks whose X-Forwarded-For/Proto/Host headers are believed (CIDR or single addresses).</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Policy used when no rule and no route metadata names one.</summary>
    public string? DefaultPolicy { get; set; }

    public Dictionary<string, PolicyOptions> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Evaluated in order; the first matching rule decides the policy.</summary>
    public List<RuleOptions> Rules { get; set; } = [];

    public Dictionary<string, AppOptions> Apps { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public SessionOptions Session { get; set; } = new();

    public TotpOptions Totp { get; set; } = new();

    public WebAuthnOptions WebAuthn { get; set; } = new();

    public ChallengeOptions Challenge { get; set; } = new();

    public UpstreamHeaderOptions UpstreamHeaders { get; set; } = new();

    public RegulationOptions Regulation { get; set; } = new();

    public SelfServiceOptions SelfService { get; set; } = new();

    public SentCodesOptions SentCodes { get; set; } = new();

    public EmailOptions Email { get; set; } = new();

    public SmsOptions Sms { get; set; } = new();

    public NotificationsOptions Notifications { get; set; } = new();

    public StepUpApiOptions StepUpApi { get; set; } = new();

    public RetentionOptions Retention { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    public RiskOptions Risk { get; set; } = new();

    /// <summary>GeoIP databases for location signals. Read at start-up (the files are watched); see <see cref="Risk.RiskDataSources"/>.</summary>
    public Risk.Geo.GeoIpOptions GeoIp { get; set; } = new();

    /// <summary>Block lists, hosting ASNs and a reputation provider. Read at start-up (the files are watched).</summary>
    public Risk.Reputation.IpReputationOptions IpReputation { get; set; } = new();
}
