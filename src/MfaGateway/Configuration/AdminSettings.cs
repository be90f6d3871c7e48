namespace MfaGateway.Configuration;

/// <param name="Networks">Null: the admin API answers any client that has a key.</param>
public sealed record AdminSettings(IReadOnlyList<AdminKey> ApiKeys, Networking.NetworkList? Networks = null, bool PublicOpenApi = false)
{
    /// <summary>Whether a client may reach the admin API at all (before any key is looked at).</summary>
    public bool Admits(System.Net.IPAddress? client) => Networks is null || (client is not null && Networks.Contains(client));
}
