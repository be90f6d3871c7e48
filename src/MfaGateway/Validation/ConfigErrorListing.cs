namespace MfaGateway.Validation;

/// <summary>Helpers over a list of <see cref="ConfigError"/>s, which holds warnings beside errors.</summary>
public static class ConfigErrorListing
{
    public static void Add(this ICollection<ConfigError> errors, string key, string message) => errors.Add(new ConfigError(key, message));

    public static void AddWarning(this ICollection<ConfigError> errors, string key, string message) => errors.Add(ConfigError.Warning(key, message));

    /// <summary>Errors only: a compiler that added warnings has still compiled.</summary>
    public static int ErrorCount(this IEnumerable<ConfigError> errors) => errors.Count(e => e.IsError);

    public static bool HasErrors(this IEnumerable<ConfigError> errors) => errors.Any(e => e.IsError);

    /// <summary>The operator's listing: a count of errors, then every problem on its own line, warnings marked.</summary>
    public static string Format(IReadOnlyCollection<ConfigError> problems)
    {
        var errorCount = problems.ErrorCount();
        var warningCount = problems.Count - errorCount;
        var summary = $"The gateway configuration has {errorCount} error(s)" + (warningCount > 0 ? $" and {warningCount} warning(s)" : string.Empty);
        return $"{summary}:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(e => "  - " + e));
    }
}
