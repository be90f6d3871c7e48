namespace MfaGateway.Configuration;

/// <summary>"Gateway:Sms": the provider text messages go through. Without a Provider, SMS is off.</summary>
public sealed class SmsOptions
{
    /// <summary>Twilio, Webhook, or File (the demo only: refused outside the Development environment).</summary>
    public string? Provider { get; set; }

    /// <summary>The ISO region a number typed without +country code is read in ("GB"); unset: numbers need their +country code.</summary>
    public string? DefaultRegion { get; set; }

    /// <summary>The ISO regions numbers may belong to (required: SMS pumping goes for expensive destinations).</summary>
    public List<string> AllowedCountries { get; set; } = [];

    /// <summary>For one message to the provider.</summary>
    public string Timeout { get; set; } = "10s";

    public SmsLimitOptions Limits { get; set; } = new();

    public TwilioOptions Twilio { get; set; } = new();

    public SmsWebhookOptions Webhook { get; set; } = new();

    public SmsFileOptions File { get; set; } = new();
}

public sealed class SmsLimitOptions
{
    public int PerCountryPerHour { get; set; } = 100;

    public int GlobalPerHour { get; set; } = 500;

    public int GlobalPerDay { get; set; } = 2000;
}

public sealed class TwilioOptions
{
    /// <summary>"AC" and 32 hex digits.</summary>
    public string? AccountSid { get; set; }

    /// <summary>Better given by environment (Gateway__Sms__Twilio__AuthToken) than written in a file.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The sending number in E.164; or MessagingServiceSid instead.</summary>
    public string? From { get; set; }

    /// <summary>"MG" and 32 hex digits; or From instead.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Where the SDK's requests go instead of https://api.twilio.com (a regional edge or a test fake); https, or http to this machine.</summary>
    public string? BaseUrl { get; set; }
}

public sealed class SmsWebhookOptions
{
    /// <summary>https, or http to this machine.</summary>
    public string? Url { get; set; }

    /// <summary>At least 32 characters; the receiver checks X-MfaGateway-Signature with it.</summary>
    public string? Secret { get; set; }
}

public sealed class SmsFileOptions
{
    public string? Path { get; set; }
}
