namespace MfaGateway.Configuration;

/// <summary>
/// The configuration as it would be if one provider's data were replaced: what a changed config file
/// means once the environment variables and command-line arguments that outrank it are applied.
/// </summary>
public static class MergedConfiguration
{
    /// <summary>Flattens <paramref name="root"/>'s providers in precedence order, with <paramref name="replaced"/>'s data swapped for <paramref name="candidate"/>.</summary>
    public static Dictionary<string, string?> With(IConfigurationRoot root, IConfigurationProvider replaced, IReadOnlyDictionary<string, string?> candidate)
    {
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in root.Providers)
        {
            if (ReferenceEquals(provider, replaced))
            {
                foreach (var (key, value) in candidate)
                {
                    merged[key] = value;
                }

                continue;
            }

            foreach (var key in KeysOf(provider, parentPath: null))
            {
                if (provider.TryGet(key, out var value))
                {
                    merged[key] = value;
                }
            }
        }

        return merged;
    }

    // IConfigurationProvider exposes its keys only level by level.
    private static IEnumerable<string> KeysOf(IConfigurationProvider provider, string? parentPath)
    {
        foreach (var child in provider.GetChildKeys([], parentPath).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var path = parentPath is null ? child : ConfigurationPath.Combine(parentPath, child);
            yield return path;
            foreach (var descendant in KeysOf(provider, path))
            {
                yield return descendant;
            }
        }
    }
}
