namespace MfaGateway.Configuration;

public sealed class TrustedHeaderOptions
{
    public string Header { get; set; } = "X-Forwarded-User";

    /// <summary>
    /// A header the SSO sets to the user's e-mail address (e.g. X-Forwarded-Email), taken only from the
    /// same trusted peers: the email factor is enrolled to that address, never to one typed in.
    /// </summary>
    public string? EmailHeader { get; set; }

    /// <summary>Only peers in these networks may assert the header; from anyone else it is removed.</summary>
    public List<string> TrustedNetworks { get; set; } = [];
}
