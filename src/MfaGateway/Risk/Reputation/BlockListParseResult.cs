namespace MfaGateway.Risk.Reputation;

/// <param name="EntryCount">Addresses and networks read, before overlapping ones were merged.</param>
/// <param name="Format">The format the lines were read as (Auto resolved).</param>
/// <param name="FirstBadLines">The first few malformed lines; <paramref name="BadLineCount"/> counts them all.</param>
public sealed record BlockListParseResult(
    IpRangeSet Set,
    int EntryCount,
    BlockListFormat Format,
    IReadOnlyList<BadLine> FirstBadLines,
    int BadLineCount)
{
    public bool HasErrors => BadLineCount > 0;

    /// <summary>"3 malformed line(s): line 4: ...; line 9: ..." for config errors and reload warnings.</summary>
    public string DescribeErrors()
    {
        var shown = string.Join("; ", FirstBadLines.Select(b => $"line {b.Number}: {b.Problem}"));
        var more = BadLineCount > FirstBadLines.Count ? $"; and {BadLineCount - FirstBadLines.Count} more" : string.Empty;
        return $"{BadLineCount} malformed line(s): {shown}{more}";
    }
}

public readonly record struct BadLine(int Number, string Problem);
