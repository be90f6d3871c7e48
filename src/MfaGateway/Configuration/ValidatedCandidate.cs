namespace MfaGateway.Configuration;

/// <summary>A merged configuration (flattened keys) and the snapshot compiled from it.</summary>
internal sealed record ValidatedCandidate(IReadOnlyDictionary<string, string?> Merged, ConfigurationSnapshot Snapshot)
{
    /// <summary>Whether <paramref name="configuration"/> holds exactly these keys and values, so its compile would give this snapshot.</summary>
    public bool Matches(IConfiguration configuration)
    {
        var current = configuration.AsEnumerable()
            .Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        var expected = Merged.Where(kv => kv.Value is not null).ToList();
        return expected.Count == current.Count
            && expected.All(kv => current.TryGetValue(kv.Key, out var value) && string.Equals(value, kv.Value, StringComparison.Ordinal));
    }
}
