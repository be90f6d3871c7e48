namespace MfaGateway.Risk.Geo;

/// <summary>
/// Checks the frame of a MaxMind DB file (metadata and search-tree bounds) before MaxMind's reader sees it.
/// MaxMind.Db 5.2.0 copies the file into native memory before parsing it and never releases that copy
/// when its constructor throws (measured: about 590 MiB over 20 rejected City files), and it opens files
/// whose metadata lacks fields, then fails every lookup. So what it would refuse, or misread, is refused
/// here first, from bytes the gateway owns.
/// </summary>
internal static class MmdbPreflight
{
    /// <summary>"\xAB\xCD\xEFMaxMind.com", which starts the metadata section.</summary>
    private static readonly byte[] Marker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];

    /// <summary>The spec puts the metadata within the file's last 128 KiB.</summary>
    private const int MetadataWindow = 128 * 1024;

    private const int DataSectionSeparator = 16;

    /// <summary>Returns null when the file's frame is sound, otherwise what is wrong with it.</summary>
    public static string? Check(ReadOnlyMemory<byte> file)
    {
        var span = file.Span;
        var window = Math.Min(span.Length, MetadataWindow);
        var markerAt = span[^window..].LastIndexOf(Marker);
        if (markerAt < 0)
        {
            return "metadata marker not found — not a MaxMind DB file or truncated";
        }

        markerAt += span.Length - window;
        var metadataStart = markerAt + Marker.Length;
        Dictionary<string, object> metadata;
        try
        {
            metadata = new MmdbMetadataDecoder(file[metadataStart..]).Decode(0) as Dictionary<string, object>
                ?? throw new FormatException("it is not a map");
        }
        catch (FormatException exception)
        {
            return $"metadata cannot be read: {exception.Message}";
        }

        return CheckFields(metadata, markerAt, span);
    }

    private static string? CheckFields(Dictionary<string, object> metadata, int metadataAt, ReadOnlySpan<byte> span)
    {
        if (Unsigned(metadata, "binary_format_major_version") is not 2)
        {
            return "metadata binary_format_major_version is missing or not 2";
        }

        if (Unsigned(metadata, "binary_format_minor_version") is null || metadata.GetValueOrDefault("build_epoch") is not ulong)
        {
            return "metadata binary_format_minor_version or build_epoch is missing or not an unsigned integer";
        }

        if (metadata.GetValueOrDefault("database_type") is not string { Length: > 0 })
        {
            return "metadata database_type is missing or not a string";
        }

        if (metadata.TryGetValue("languages", out var languages) && !(languages is List<object> list && list.All(l => l is string)))
        {
            return "metadata languages is not a list of strings";
        }

        if (metadata.TryGetValue("description", out var description)
            && !(description is Dictionary<string, object> map && map.Values.All(d => d is string)))
        {
            return "metadata description is not a map of strings";
        }

        if (Unsigned(metadata, "ip_version") is not (4 or 6))
        {
            return "metadata ip_version is missing or not 4 or 6";
        }

        var recordSize = Unsigned(metadata, "record_size");
        if (recordSize is not (24 or 28 or 32))
        {
            return "metadata record_size is missing or not 24, 28 or 32";
        }

        if (Unsigned(metadata, "node_count") is not { } nodeCount)
        {
            return "metadata node_count is missing or not an unsigned integer";
        }

        var treeSize = (long)nodeCount * (long)recordSize.Value / 4;
        if (nodeCount == 0 || treeSize + DataSectionSeparator > metadataAt)
        {
            return $"metadata node_count {nodeCount} does not fit before the metadata";
        }

        // Sixteen zero bytes end the search tree; a wrong node_count almost never lands on them.
        return span.Slice((int)treeSize, DataSectionSeparator).ContainsAnyExcept((byte)0)
            ? "the bytes after the search tree are not the zero separator (node_count or record_size is wrong, or the file is damaged)"
            : null;
    }

    /// <summary>The field as a number, when it is an unsigned integer small enough for MaxMind's int fields.</summary>
    private static ulong? Unsigned(Dictionary<string, object> metadata, string field) =>
        metadata.GetValueOrDefault(field) is ulong value && value <= int.MaxValue ? value : null;
}
