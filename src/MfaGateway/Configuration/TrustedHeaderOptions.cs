namespace MfaGateway.Configuration;

public sealed class TrustedHeaderOptions
{
    public string Header { get; set; } = "X-Forwarded-User";

    /// <summary>Only peers in these networks may assert the header; from anyone else it is removed.</summary>
    public List<string> TrustedNetworks { get; set; } = [];
}
