namespace MfaGateway.Configuration;

public sealed class AdminOptions
{
    /// <summary>Keys for the admin API, each stored as the hex SHA-256 of the key (`MfaGateway admin-key` makes one).</summary>
    public List<AdminKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Client networks the admin API answers (CIDR); from anywhere else it is 404. Empty: any client with a key.</summary>
    public List<string> Networks { get; set; } = [];

    /// <summary>Serve the OpenAPI document without a key. Off by default: it maps the API an attacker would probe.</summary>
    public bool PublicOpenApi { get; set; }
}
