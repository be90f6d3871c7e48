namespace MfaGateway.Risk.Reputation;

/// <summary>Reads a block-list file, turning I/O failures into one message for config errors and reload warnings.</summary>
public static class BlockListFile
{
    public static BlockListParseResult? TryRead(string fullPath, BlockListFormat format, out string? error)
    {
        try
        {
            using var reader = new StreamReader(fullPath, detectEncodingFromByteOrderMarks: true);
            var result = BlockListParser.Parse(reader, format);
            error = result.HasErrors ? $"'{fullPath}' has {result.DescribeErrors()}" : null;
            return result;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error = $"file '{fullPath}' not found";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read '{fullPath}': {e.Message}";
        }

        return null;
    }
}
