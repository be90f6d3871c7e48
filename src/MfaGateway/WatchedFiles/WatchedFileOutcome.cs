namespace MfaGateway.WatchedFiles;

/// <summary>The outcome of one read of a watched file.</summary>
/// <param name="Problems">Why the file was refused or missing; empty when it loaded.</param>
/// <param name="Version">Accepted loads so far; the value given at start is version 0.</param>
public sealed record WatchedFileOutcome(string Path, WatchedFileStatus Status, IReadOnlyList<string> Problems, int Version)
{
    public bool Loaded => Status == WatchedFileStatus.Loaded;

    /// <summary>The problems in one line, for log messages.</summary>
    public string? Reason => Problems.Count == 0 ? null : string.Join("; ", Problems);
}
