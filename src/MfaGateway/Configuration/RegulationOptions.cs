namespace MfaGateway.Configuration;

/// <summary>
/// Temporary bans after repeated wrong codes, per user (durable, so a restart does not reset them) and
/// per client address. Separate from the permanent lock after 100 consecutive failures.
/// </summary>
public sealed class RegulationOptions
{
    public RegulationLimitOptions User { get; set; } = new() { MaxFailures = 10 };

    public RegulationLimitOptions Client { get; set; } = new() { MaxFailures = 30 };
}

public sealed class RegulationLimitOptions
{
    /// <summary>Wrong codes within <see cref="Window"/> that start a ban; 0 turns this limit off.</summary>
    public int MaxFailures { get; set; } = 10;

    public string Window { get; set; } = "15m";

    public string BanTime { get; set; } = "15m";
}

public sealed class SelfServiceOptions
{
    /// <summary>Changing factors, codes or devices needs an MFA at most this old; older sessions verify again.</summary>
    public string MaxAge { get; set; } = "5m";
}

public sealed class AdminOptions
{
    /// <summary>Keys for the admin API, each stored as the hex SHA-256 of the key (`MfaGateway admin-key` makes one).</summary>
    public List<AdminKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Client networks the admin API answers (CIDR); from anywhere else it is 404. Empty: any client with a key.</summary>
    public List<string> Networks { get; set; } = [];

    /// <summary>Serve the OpenAPI document without a key. Off by default: it maps the API an attacker would probe.</summary>
    public bool PublicOpenApi { get; set; }
}

public sealed class AdminKeyOptions
{
    /// <summary>Who holds the key; recorded in the audit log with every admin action.</summary>
    public string? Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key. The key itself is never written in config.</summary>
    public string? Sha256 { get; set; }
}
