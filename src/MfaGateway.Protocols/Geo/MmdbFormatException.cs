namespace MfaGateway.Protocols.Geo;

/// <summary>
/// A MaxMind DB file is truncated, corrupted or not a MaxMind DB file at all. The message names the
/// file and what is wrong with it, so an operator can act on it without a debugger.
/// </summary>
public sealed class MmdbFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MmdbFormatException()
    {
    }

    /// <summary>Creates the exception with a message that already names the file.</summary>
    public MmdbFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that revealed the problem.</summary>
    public MmdbFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file (or the name given for in-memory bytes); null when not set by the reader.</summary>
    public string? FileName { get; private init; }

    /// <summary>What is wrong, without the file name, for callers that name the file their own way.</summary>
    public string? Problem { get; private init; }

    internal static MmdbFormatException For(string source, string problem) =>
        new($"MaxMind DB '{source}': {problem}") { FileName = source, Problem = problem };
}
