namespace MfaGateway.Protocols.Geo;

/// <summary>Finds and validates the metadata section at the end of a MaxMind DB file.</summary>
internal static class MmdbMetadataReader
{
    /// <summary>The spec caps metadata at 128 KiB, so the marker is never further from the end than that.</summary>
    private const int MaxMetadataSize = 128 * 1024;

    // "\xAB\xCD\xEF" is not UTF-8 text, so the marker is spelled out byte by byte.
    public static ReadOnlySpan<byte> MarkerBytes =>
        [0xAB, 0xCD, 0xEF, (byte)'M', (byte)'a', (byte)'x', (byte)'M', (byte)'i', (byte)'n', (byte)'d', (byte)'.', (byte)'c', (byte)'o', (byte)'m'];

    /// <summary>Returns the metadata and the offset where the marker starts (the end of the data section).</summary>
    public static MmdbMetadata Read(byte[] file, string source, out int markerOffset)
    {
        var searchFrom = Math.Max(0, file.Length - MaxMetadataSize - MarkerBytes.Length);

        // The last occurrence counts: the marker bytes could also occur by chance inside the data.
        var found = file.AsSpan(searchFrom).LastIndexOf(MarkerBytes);
        if (found < 0)
        {
            throw MmdbFormatException.For(source, "metadata marker not found — not a MaxMind DB file or truncated");
        }

        markerOffset = searchFrom + found;
        var metadataStart = markerOffset + MarkerBytes.Length;
        var decoder = new MmdbDecoder(file, metadataStart, file.Length - metadataStart, source, "metadata");
        if (decoder.Length == 0)
        {
            throw MmdbFormatException.For(source, "metadata is empty — file truncated after the metadata marker");
        }

        if (decoder.Decode(0) is not Dictionary<string, object> map)
        {
            throw MmdbFormatException.For(source, "metadata is not a map");
        }

        return Validate(map, source);
    }

    private static MmdbMetadata Validate(Dictionary<string, object> map, string source)
    {
        var major = RequiredUnsigned(map, "binary_format_major_version", source);
        if (major != 2)
        {
            throw MmdbFormatException.For(source, $"binary_format_major_version is {major}; only version 2 is supported");
        }

        var recordSize = RequiredUnsigned(map, "record_size", source);
        if (recordSize is not (24 or 28 or 32))
        {
            throw MmdbFormatException.For(source, $"record_size is {recordSize}; it must be 24, 28 or 32");
        }

        var ipVersion = RequiredUnsigned(map, "ip_version", source);
        if (ipVersion is not (4 or 6))
        {
            throw MmdbFormatException.For(source, $"ip_version is {ipVersion}; it must be 4 or 6");
        }

        var nodeCount = RequiredUnsigned(map, "node_count", source);

        // Record values at or above the node count point into the data section; at least one node and
        // the "no data" value must fit in a record.
        if (nodeCount == 0 || nodeCount >= (1UL << (int)recordSize) || nodeCount > int.MaxValue)
        {
            throw MmdbFormatException.For(source, $"node_count {nodeCount} is impossible for {recordSize}-bit records");
        }

        if (!map.TryGetValue("database_type", out var type) || type is not string databaseType || databaseType.Length == 0)
        {
            throw MmdbFormatException.For(source, "database_type is missing or not a string");
        }

        var epoch = RequiredUnsigned(map, "build_epoch", source);
        return new MmdbMetadata
        {
            BinaryFormatMajorVersion = 2,
            BinaryFormatMinorVersion = (int)Math.Min(OptionalUnsigned(map, "binary_format_minor_version"), int.MaxValue),
            NodeCount = (int)nodeCount,
            RecordSize = (int)recordSize,
            IpVersion = (int)ipVersion,
            DatabaseType = databaseType,
            BuildTime = DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(epoch, 253_402_300_799UL)),
            Languages = map.TryGetValue("languages", out var languages) && languages is List<object> list
                ? [.. list.OfType<string>()]
                : [],
            Description = map.TryGetValue("description", out var description) && description is Dictionary<string, object> texts
                ? texts.Where(p => p.Value is string).ToDictionary(p => p.Key, p => (string)p.Value, StringComparer.Ordinal)
                : new Dictionary<string, string>(),
        };
    }

    private static ulong RequiredUnsigned(Dictionary<string, object> map, string key, string source) =>
        map.TryGetValue(key, out var value) && AsUnsigned(value) is { } number
            ? number
            : throw MmdbFormatException.For(source, $"metadata field {key} is missing or not an unsigned integer");

    private static ulong OptionalUnsigned(Dictionary<string, object> map, string key) =>
        map.TryGetValue(key, out var value) && AsUnsigned(value) is { } number ? number : 0;

    private static ulong? AsUnsigned(object value) => value switch
    {
        ushort v => v,
        uint v => v,
        ulong v => v,
        _ => null,
    };

}
