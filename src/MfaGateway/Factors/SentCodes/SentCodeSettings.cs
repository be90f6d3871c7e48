namespace MfaGateway.Factors.SentCodes;

/// <summary>
/// How codes sent by SMS or e-mail are made ("Gateway:SentCodes"). NIST SP 800-63B 5.1.3: at least
/// six digits from an approved random generator; a short lifetime, here at most ten minutes.
/// </summary>
/// <param name="ResendCooldown">How soon after one code another may be sent: what stops a loop of resends (and a bill).</param>
/// <param name="Limits">How many codes may be sent per hour, across challenges (<see cref="SendQuota"/>).</param>
public sealed record SentCodeSettings(int Digits, TimeSpan Lifetime, TimeSpan ResendCooldown, SendLimits Limits)
{
    public const int MinDigits = 6;
    public const int MaxDigits = 10;

    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    public static readonly SentCodeSettings Default = new(6, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30), SendLimits.Default);
}

/// <summary>Codes per hour: to one user (sign-ins and enrolments alike), to one address or number, and asked for by one client address.</summary>
public sealed record SendLimits(int PerUserPerHour, int PerDestinationPerHour, int PerClientPerHour)
{
    public static readonly SendLimits Default = new(10, 10, 30);
}

/// <summary>The sent-code settings of the current configuration: a reload applies to the next code.</summary>
public interface ISentCodeSettingsSource
{
    SentCodeSettings Current { get; }

    /// <summary>The gateway's name as users know it (Gateway:Issuer), which messages sign with.</summary>
    string Issuer { get; }
}
