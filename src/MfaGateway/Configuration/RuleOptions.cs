namespace MfaGateway.Configuration;

/// <summary>
/// Matches a request to a policy. Every list that is given must match (host AND path AND method
/// AND network AND route); an empty list matches anything.
/// </summary>
public sealed class RuleOptions
{
    public string? Name { get; set; }

    /// <summary>Host names; "*.example.com" matches any subdomain.</summary>
    public List<string> Hosts { get; set; } = [];

    /// <summary>"/exact", "/admin/*" (one segment), "/static/**" (any depth) or "regex:^/x/\d+$".</summary>
    public List<string> Paths { get; set; } = [];

    public List<string> Methods { get; set; } = [];

    /// <summary>Client networks (CIDR); prefix one with "!" to match clients outside it.</summary>
    public List<string> Networks { get; set; } = [];

    /// <summary>YARP route ids.</summary>
    public List<string> Routes { get; set; } = [];

    public string? Policy { get; set; }
}
