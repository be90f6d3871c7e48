namespace MfaGateway.Protocols.Geo;

/// <summary>A record found for an address, and the prefix length of the network it was found in.</summary>
/// <typeparam name="T">The record shape.</typeparam>
/// <param name="Record">The decoded record, shared between lookups: records are immutable.</param>
/// <param name="PrefixLength">The matched network's prefix length (IPv4 terms for IPv4 addresses).</param>
public readonly record struct GeoMatch<T>(T Record, int PrefixLength)
    where T : class;
