using System.Collections.Frozen;
using System.Globalization;
using MfaGateway.Validation;

namespace MfaGateway.Risk.Reputation;

/// <summary>Validates the "Provider" subsection; every mistake goes to the error list under its key.</summary>
public static class ProviderSettingsCompiler
{
    public const string Placeholder = "{ip}";

    public static ReputationProviderSettings? Compile(ReputationProviderOptions options, string key, ICollection<ConfigError> errors)
    {
        var before = errors.ErrorCount();
        CheckUrl(options.Url, $"{key}:Url", errors);
        CheckHeaders(options.Headers, $"{key}:Headers", errors);
        var timeout = ReadDuration(options.Timeout, $"{key}:Timeout", errors);
        var cacheFor = ReadDuration(options.CacheFor, $"{key}:CacheFor", errors);
        if (options.CacheSize <= 0)
        {
            errors.Add($"{key}:CacheSize", $"{options.CacheSize} must be positive");
        }

        if (!Enum.TryParse<ProviderFailureMode>(options.FailureMode, ignoreCase: true, out var failureMode) || !Enum.IsDefined(failureMode) || int.TryParse(options.FailureMode, out _))
        {
            errors.Add($"{key}:FailureMode", $"'{options.FailureMode}' must be Open (an unreachable provider flags nothing) or Closed (it flags the address)");
        }

        var fieldPath = options.Field.Split('.');
        if (string.IsNullOrWhiteSpace(options.Field) || fieldPath.Any(s => s.Trim().Length == 0 || s.Trim() != s))
        {
            errors.Add($"{key}:Field", $"'{options.Field}' must be a dot path into the JSON answer, e.g. \"data.abuseConfidenceScore\"");
        }

        double? threshold = null;
        if (options.Threshold is not null)
        {
            if (double.TryParse(options.Threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                threshold = value;
            }
            else
            {
                errors.Add($"{key}:Threshold", $"'{options.Threshold}' is not a number");
            }
        }

        if (errors.ErrorCount() > before)
        {
            return null;
        }

        return new ReputationProviderSettings
        {
            UrlTemplate = options.Url,
            Headers = options.Headers.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            Timeout = timeout,
            CacheFor = cacheFor,
            CacheSize = options.CacheSize,
            FailureMode = failureMode,
            Field = options.Field,
            FieldPath = fieldPath,
            Threshold = threshold,
        };
    }

    private static void CheckUrl(string url, string key, ICollection<ConfigError> errors)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            errors.Add(key, $"required, e.g. \"https://api.example/check?ip={Placeholder}\"");
            return;
        }

        if (!url.Contains(Placeholder, StringComparison.Ordinal))
        {
            errors.Add(key, $"'{url}' lacks the {Placeholder} placeholder where the address goes");
        }

        // Checked with a sample address in place, since that is the URL actually requested.
        var sample = url.Replace(Placeholder, "192.0.2.1", StringComparison.Ordinal);
        if (!Uri.TryCreate(sample, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(key, $"'{url}' is not an absolute http or https URL");
        }
    }

    private static void CheckHeaders(Dictionary<string, string> headers, string key, ICollection<ConfigError> errors)
    {
        foreach (var (name, value) in headers)
        {
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)))
            {
                errors.Add($"{key}:{name}", "not a valid header name");
            }
            else if (value.AsSpan().ContainsAny('\r', '\n'))
            {
                errors.Add($"{key}:{name}", "the value must be one line");
            }
        }
    }

    private static TimeSpan ReadDuration(string text, string key, ICollection<ConfigError> errors)
    {
        if (DurationParser.TryParse(text, out var duration))
        {
            return duration;
        }

        errors.Add(key, $"'{text}' is not a duration (e.g. \"2s\", \"500ms\", \"1h\")");
        return default;
    }
}
