namespace MfaGateway.Policies;

/// <summary>
/// A request's canonical path, kept so that the several comparisons made on one request work it out
/// once. Only set for paths that are not canonical already; <paramref name="Source"/> is the path it
/// was made from, so a path rewritten later in the pipeline is worked out again.
/// </summary>
internal sealed record CanonicalPathFeature(string Source, CanonicalPath Path);
