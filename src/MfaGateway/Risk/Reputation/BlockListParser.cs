using MfaGateway.Networking;

namespace MfaGateway.Risk.Reputation;

/// <summary>
/// Reads block lists strictly: a line that is not clearly an address or network is reported with its
/// number, never guessed at, because a misread entry would flag (or miss) a whole network.
/// </summary>
public static class BlockListParser
{
    /// <summary>Bad lines kept for the error message; a broken file of 100k lines needs only its first few.</summary>
    public const int ReportedBadLines = 5;

    // Longer than any IPv6 CIDR; keeps a garbage line from flooding the error message.
    private const int MaxEntryLength = 64;

    private static readonly char[] Whitespace = [' ', '\t'];

    public static BlockListParseResult Parse(TextReader reader, BlockListFormat format)
    {
        var builder = new IpRangeSetBuilder();
        var badLines = new List<BadLine>();
        var badLineCount = 0;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var content = StripComment(line);
            if (content.Length == 0)
            {
                continue;
            }

            if (format == BlockListFormat.Auto)
            {
                format = IsTorRecord(content) ? BlockListFormat.TorExitList : BlockListFormat.Plain;
            }

            var problem = format == BlockListFormat.TorExitList ? ReadTorLine(content, builder) : ReadPlainLine(content, builder);
            if (problem is not null)
            {
                badLineCount++;
                if (badLines.Count < ReportedBadLines)
                {
                    badLines.Add(new BadLine(number, problem));
                }
            }
        }

        return new BlockListParseResult(
            builder.Build(),
            builder.Count,
            format == BlockListFormat.Auto ? BlockListFormat.Plain : format,
            badLines,
            badLineCount);
    }

    public static BlockListParseResult Parse(string text, BlockListFormat format)
    {
        using var reader = new StringReader(text);
        return Parse(reader, format);
    }

    // '#' is FireHOL's and most lists' comment; ';' is Spamhaus DROP's ("1.2.3.0/24 ; SBL123").
    private static string StripComment(string line)
    {
        var end = line.AsSpan().IndexOfAny('#', ';');
        return (end < 0 ? line : line[..end]).Trim();
    }

    private static bool IsTorRecord(string content) =>
        content.StartsWith("ExitNode", StringComparison.Ordinal) || content.StartsWith("ExitAddress", StringComparison.Ordinal);

    private static string? ReadPlainLine(string content, IpRangeSetBuilder builder)
    {
        if (content.IndexOfAny(Whitespace) >= 0)
        {
            return $"'{Shorten(content)}' holds more than one entry (write one address or network per line)";
        }

        if (content.Length > MaxEntryLength)
        {
            return $"'{Shorten(content)}' is too long to be an address or network";
        }

        if (!NetworkList.TryParseNetwork(content, out var network, out var error))
        {
            return error;
        }

        builder.Add(network);
        return null;
    }

    // Tor's exit-addresses: "ExitNode <fingerprint>", "Published <date> <time>",
    // "LastStatus <date> <time>", then one or more "ExitAddress <ip> <date> <time>". The bulk
    // exit list is one bare address per line, which is read here too.
    private static string? ReadTorLine(string content, IpRangeSetBuilder builder)
    {
        var fields = content.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
        switch (fields[0])
        {
            case "ExitNode" or "Published" or "LastStatus":
                return fields.Length >= 2 ? null : $"'{Shorten(content)}' lacks its value";
            case "ExitAddress":
                return fields.Length >= 2 ? AddAddress(fields[1], builder) : "'ExitAddress' lacks its address";
            default:
                return fields.Length == 1
                    ? AddAddress(fields[0], builder)
                    : $"'{Shorten(content)}' is not a Tor exit list line (ExitNode, Published, LastStatus, ExitAddress or one address)";
        }
    }

    // Tor lists name single relays, so a CIDR here means the file is not what the operator said.
    private static string? AddAddress(string text, IpRangeSetBuilder builder)
    {
        if (text.Length > MaxEntryLength || text.Contains('/') || !NetworkList.TryParseNetwork(text, out var network, out _))
        {
            return $"'{Shorten(text)}' is not a single IP address";
        }

        builder.Add(network);
        return null;
    }

    private static string Shorten(string text) => text.Length <= MaxEntryLength ? text : text[..MaxEntryLength] + "...";
}
