namespace MfaGateway.Configuration;

/// <summary>How long history is kept before it is deleted: none of it is needed forever, and all of it is personal data.</summary>
public sealed class RetentionOptions
{
    /// <summary>Audit events older than this are deleted.</summary>
    public string Audit { get; set; } = "400d";

    /// <summary>Browsers a user passed MFA on, not seen for this long, are forgotten (and ask again under RiskBased).</summary>
    public string KnownDevices { get; set; } = "400d";

    /// <summary>Places a user signed in from, not seen for this long, are forgotten.</summary>
    public string KnownPlaces { get; set; } = "400d";

    /// <summary>Remembered devices are deleted this long after they expired or were revoked.</summary>
    public string ExpiredTrustedDevices { get; set; } = "30d";

    /// <summary>How often the pruning runs.</summary>
    public string Interval { get; set; } = "1h";

    /// <summary>Rows deleted per statement, so a large backlog never holds the database's write lock for long.</summary>
    public int BatchSize { get; set; } = 1000;
}
