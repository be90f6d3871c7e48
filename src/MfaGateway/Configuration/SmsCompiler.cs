using System.Text.RegularExpressions;
using MfaGateway.Delivery.Sms;
using MfaGateway.Factors.Sms;
using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:Sms": the provider, the countries numbers may be in and the pumping caps, every problem listed at once.</summary>
internal static partial class SmsCompiler
{
    private const string Section = "Gateway:Sms";

    public static bool IsConfigured(SmsOptions options) => !string.IsNullOrWhiteSpace(options.Provider);

    /// <param name="environment">The host's environment name: the file outbox is for Development only.</param>
    public static SmsSettings? Compile(SmsOptions options, string environment, ICollection<ConfigError> errors)
    {
        if (!IsConfigured(options))
        {
            if (options.AllowedCountries.Count > 0 || options.Twilio.AccountSid is not null || options.Webhook.Url is not null || options.File.Path is not null)
            {
                errors.Add($"{Section}:Provider", "is required when the SMS section is filled in (Twilio, Webhook or File)");
            }

            return null;
        }

        var count = errors.Count;
        if (!ConfigEnum.TryParse<SmsProvider>(options.Provider, out var provider))
        {
            errors.Add($"{Section}:Provider", ConfigEnum.NotOneOf<SmsProvider>(options.Provider));
        }

        var allowed = new HashSet<string>(StringComparer.Ordinal);
        if (options.AllowedCountries.Count == 0)
        {
            errors.Add($"{Section}:AllowedCountries", "list the ISO regions your users' numbers are in (e.g. [\"GB\", \"DE\"]): texts to any country invite SMS pumping");
        }

        for (var i = 0; i < options.AllowedCountries.Count; i++)
        {
            var region = options.AllowedCountries[i]?.Trim().ToUpperInvariant() ?? string.Empty;
            if (MobileNumbers.IsRegion(region))
            {
                allowed.Add(region);
            }
            else
            {
                errors.Add($"{Section}:AllowedCountries:{i}", $"'{options.AllowedCountries[i]}' is not an ISO region with phone numbers");
            }
        }

        var defaultRegion = options.DefaultRegion?.Trim().ToUpperInvariant();
        if (defaultRegion is not null && !MobileNumbers.IsRegion(defaultRegion))
        {
            errors.Add($"{Section}:DefaultRegion", $"'{options.DefaultRegion}' is not an ISO region with phone numbers");
        }

        if (!DurationParser.TryParse(options.Timeout, out var timeout) || timeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{Section}:Timeout", $"'{options.Timeout}' is not a positive duration of at most a minute");
        }

        var limits = options.Limits;
        foreach (var (key, value) in new[] { ("PerCountryPerHour", limits.PerCountryPerHour), ("GlobalPerHour", limits.GlobalPerHour), ("GlobalPerDay", limits.GlobalPerDay) })
        {
            if (value is < 1 or > 1_000_000)
            {
                errors.Add($"{Section}:Limits:{key}", $"{value} is outside 1 to 1000000");
            }
        }

        var twilio = provider == SmsProvider.Twilio ? CompileTwilio(options.Twilio, errors) : null;
        var webhook = provider == SmsProvider.Webhook ? CompileWebhook(options.Webhook, errors) : null;
        string? filePath = null;
        if (provider == SmsProvider.File)
        {
            if (!string.Equals(environment, "Development", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{Section}:Provider", $"File writes every code to a file instead of a phone: only for the demo, in the Development environment (this is {environment})");
            }

            if (string.IsNullOrWhiteSpace(options.File.Path))
            {
                errors.Add($"{Section}:File:Path", "required");
            }
            else
            {
                filePath = Path.GetFullPath(options.File.Path);
            }
        }

        return errors.Count > count ? null : new SmsSettings(provider, defaultRegion, allowed, new SmsLimits(limits.PerCountryPerHour, limits.GlobalPerHour, limits.GlobalPerDay), timeout)
        {
            Twilio = twilio,
            Webhook = webhook,
            FilePath = filePath,
        };
    }

    private static TwilioSettings? CompileTwilio(TwilioOptions options, ICollection<ConfigError> errors)
    {
        var count = errors.Count;
        if (options.AccountSid is null || !AccountSid().IsMatch(options.AccountSid))
        {
            errors.Add($"{Section}:Twilio:AccountSid", "required: \"AC\" and 32 hex digits");
        }

        if (string.IsNullOrEmpty(options.AuthToken))
        {
            errors.Add($"{Section}:Twilio:AuthToken", "required (best given by environment: Gateway__Sms__Twilio__AuthToken)");
        }

        var hasFrom = !string.IsNullOrWhiteSpace(options.From);
        var hasService = !string.IsNullOrWhiteSpace(options.MessagingServiceSid);
        if (hasFrom == hasService)
        {
            errors.Add($"{Section}:Twilio", "give exactly one of From (the sending number) and MessagingServiceSid");
        }
        else if (hasFrom && !E164().IsMatch(options.From!))
        {
            errors.Add($"{Section}:Twilio:From", $"'{options.From}' is not a number in E.164 (+ and up to 15 digits)");
        }
        else if (hasService && !ServiceSid().IsMatch(options.MessagingServiceSid!))
        {
            errors.Add($"{Section}:Twilio:MessagingServiceSid", "\"MG\" and 32 hex digits");
        }

        var baseUrl = options.BaseUrl is null ? null : HttpsOrLoopback(options.BaseUrl, $"{Section}:Twilio:BaseUrl", errors);
        return errors.Count > count ? null : new TwilioSettings(options.AccountSid!, options.AuthToken!, hasFrom ? options.From : null, hasService ? options.MessagingServiceSid : null, baseUrl);
    }

    private static SmsWebhookSettings? CompileWebhook(SmsWebhookOptions options, ICollection<ConfigError> errors)
    {
        var count = errors.Count;
        Uri? url = null;
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            errors.Add($"{Section}:Webhook:Url", "required");
        }
        else
        {
            url = HttpsOrLoopback(options.Url, $"{Section}:Webhook:Url", errors);
        }

        if (options.Secret is not { Length: >= 32 })
        {
            errors.Add($"{Section}:Webhook:Secret", "required, at least 32 characters (the receiver checks each message's HMAC with it)");
        }

        return errors.Count > count ? null : new SmsWebhookSettings(url!, options.Secret!);
    }

    private static Uri? HttpsOrLoopback(string value, string where, ICollection<ConfigError> errors)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.UserInfo.Length > 0)
        {
            errors.Add(where, $"'{value}' is not an https URL");
            return null;
        }

        if (url.Scheme == "http" && !url.IsLoopback)
        {
            errors.Add(where, "http would send codes in clear: use https (http only to this machine)");
            return null;
        }

        return url;
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSid();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex ServiceSid();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
