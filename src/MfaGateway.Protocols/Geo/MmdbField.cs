namespace MfaGateway.Protocols.Geo;

/// <summary>
/// One value's control information: its type, its size field, where its payload starts, and where the
/// next value starts when this one is read in place (for maps and arrays: where their first entry starts).
/// </summary>
internal readonly record struct MmdbField(MmdbType Type, int Size, int PayloadOffset)
{
    /// <summary>For scalar types, the offset just after the payload. Booleans and containers carry no payload bytes.</summary>
    public int ScalarEnd => Type is MmdbType.Boolean or MmdbType.Map or MmdbType.Array ? PayloadOffset : PayloadOffset + Size;
}
