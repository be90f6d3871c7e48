namespace MfaGateway.Risk.Geo;

/// <summary>What a configured database is used for, which decides the record shape it must have.</summary>
public enum GeoDatabaseRole
{
    City,
    Country,
    Asn,

    /// <summary>MaxMind's Anonymous-IP database: VPN, hosting, Tor exit, public and residential proxy flags.</summary>
    AnonymousIp,
}
