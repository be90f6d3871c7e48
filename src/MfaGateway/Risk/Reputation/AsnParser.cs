using System.Globalization;

namespace MfaGateway.Risk.Reputation;

/// <summary>Reads AS numbers written as "16509" or "AS16509".</summary>
public static class AsnParser
{
    public static bool TryParse(string? text, out long asn)
    {
        asn = 0;
        var span = (text ?? string.Empty).AsSpan().Trim();
        if (span.StartsWith("AS", StringComparison.OrdinalIgnoreCase))
        {
            span = span[2..];
        }

        // AS numbers are 32-bit; AS0 is reserved (RFC 7607) and never names a real network.
        if (!uint.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value == 0)
        {
            return false;
        }

        asn = value;
        return true;
    }

    /// <summary>Reads one AS number per line; '#' starts a comment. Bad lines go to <paramref name="badLines"/> (the first few).</summary>
    public static List<long> ReadFile(TextReader reader, List<BadLine> badLines, out int badLineCount)
    {
        var result = new List<long>();
        badLineCount = 0;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var content = (hash < 0 ? line : line[..hash]).Trim();
            if (content.Length == 0)
            {
                continue;
            }

            if (TryParse(content, out var asn))
            {
                result.Add(asn);
            }
            else if (++badLineCount <= BlockListParser.ReportedBadLines)
            {
                badLines.Add(new BadLine(number, $"'{(content.Length > 32 ? content[..32] + "..." : content)}' is not an AS number"));
            }
        }

        return result;
    }
}
