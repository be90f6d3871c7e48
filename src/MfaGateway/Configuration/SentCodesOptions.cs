namespace MfaGateway.Configuration;

/// <summary>"Gateway:SentCodes": the one-time codes sent by SMS and e-mail.</summary>
public sealed class SentCodesOptions
{
    /// <summary>Digits in a code: 6 (default) to 10.</summary>
    public int Digits { get; set; } = 6;

    /// <summary>How long a sent code is accepted: default 5 minutes, at most 10 (and never past its challenge).</summary>
    public string Lifetime { get; set; } = "5m";

    /// <summary>How soon another code may be sent for the same challenge ("Send a new code"); shorter than the lifetime.</summary>
    public string ResendCooldown { get; set; } = "30s";

    public SendLimitOptions Limits { get; set; } = new();
}

/// <summary>Codes sent per hour, counted across challenges; past one, sending is refused (429 sending_limited) and audited.</summary>
public sealed class SendLimitOptions
{
    public int PerUserPerHour { get; set; } = 10;

    public int PerDestinationPerHour { get; set; } = 10;

    public int PerClientPerHour { get; set; } = 30;
}
