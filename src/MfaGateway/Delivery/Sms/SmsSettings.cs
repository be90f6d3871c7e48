namespace MfaGateway.Delivery.Sms;

public enum SmsProvider
{
    /// <summary>Twilio's Messages API through the official SDK.</summary>
    Twilio,

    /// <summary>A JSON POST to the operator's HTTPS endpoint, HMAC-signed.</summary>
    Webhook,

    /// <summary>One JSON line per message appended to a file: the demo only, refused outside Development.</summary>
    File,
}

/// <param name="BaseUrl">Where the SDK's requests go instead of https://api.twilio.com (a loopback fake in tests); null: Twilio itself.</param>
public sealed record TwilioSettings(string AccountSid, string AuthToken, string? From, string? MessagingServiceSid, Uri? BaseUrl);

/// <param name="Secret">The HMAC-SHA256 key the receiver checks X-MfaGateway-Signature with.</param>
public sealed record SmsWebhookSettings(Uri Url, string Secret);

/// <summary>SMS pumping caps besides the per-user, per-number and per-client limits of Gateway:SentCodes:Limits.</summary>
public sealed record SmsLimits(int PerCountryPerHour, int GlobalPerHour, int GlobalPerDay);

/// <summary>How the gateway sends text messages ("Gateway:Sms"), compiled and checked with the other config errors.</summary>
/// <param name="DefaultRegion">The ISO region a number typed without +country code is read in ("GB").</param>
/// <param name="AllowedRegions">The only ISO regions numbers may belong to: a number elsewhere is refused before anything is sent.</param>
public sealed record SmsSettings(SmsProvider Provider, string? DefaultRegion, IReadOnlySet<string> AllowedRegions, SmsLimits Limits, TimeSpan Timeout)
{
    public TwilioSettings? Twilio { get; init; }

    public SmsWebhookSettings? Webhook { get; init; }

    public string? FilePath { get; init; }
}

/// <summary>The SMS section of the current configuration; null when no provider is configured (SMS is off).</summary>
public interface ISmsSettingsSource
{
    SmsSettings? Current { get; }
}
