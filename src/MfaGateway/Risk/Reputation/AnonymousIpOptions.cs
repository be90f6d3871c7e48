namespace MfaGateway.Risk.Reputation;

/// <summary>
/// "Gateway:IpReputation:AnonymousIp": MaxMind's Anonymous-IP database (GeoIP2-Anonymous-IP.mmdb) as a
/// reputation source. The file is watched and reloaded like the GeoIP databases.
/// </summary>
public sealed class AnonymousIpOptions
{
    /// <summary>Path of the database; relative paths resolve against the config file's folder.</summary>
    public string? Database { get; set; }

    /// <summary>
    /// Which flags make an address suspicious: Vpn, HostingProvider, TorExitNode, PublicProxy,
    /// ResidentialProxy. Not set: all five.
    /// </summary>
    public List<string>? Flags { get; set; }

    /// <summary>
    /// When true, a missing or unusable database is a warning and the source is off, so the gateway still
    /// starts; when false (the default) it stops start-up like any other config error.
    /// </summary>
    public bool Optional { get; set; }
}
