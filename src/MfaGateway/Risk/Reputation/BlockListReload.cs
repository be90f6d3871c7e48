namespace MfaGateway.Risk.Reputation;

/// <summary>The outcome of re-reading a block-list file.</summary>
/// <param name="Accepted">False when the file was unreadable or malformed and the last good list stayed.</param>
/// <param name="Version">The list's version after the attempt (unchanged when rejected).</param>
public sealed record BlockListReload(string Name, bool Accepted, int EntryCount, int Version, string? Error);
