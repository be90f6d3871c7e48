namespace MfaGateway.Configuration;

public sealed class AdminKeyOptions
{
    /// <summary>Who holds the key; recorded in the audit log with every admin action.</summary>
    public string? Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key. The key itself is never written in config.</summary>
    public string? Sha256 { get; set; }
}
