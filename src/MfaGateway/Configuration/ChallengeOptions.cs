namespace MfaGateway.Configuration;

public sealed class ChallengeOptions
{
    public string Lifetime { get; set; } = "5m";

    /// <summary>A challenge dies after this many wrong codes.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>NIST SP 800-63B 5.2.2: at most 100 consecutive failures per user.</summary>
    public int MaxConsecutiveUserFailures { get; set; } = 100;

    /// <summary>Largest form body kept for re-submission after a step-up.</summary>
    public int MaxPreservedFormBytes { get; set; } = 64 * 1024;
}
