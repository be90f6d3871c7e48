namespace MfaGateway.Risk.Reputation;

/// <param name="Suspicious">Whether risk-based MFA should treat the address as risky.</param>
/// <param name="Reasons">Why it is suspicious, in short plain words for the audit log; empty when it is not.</param>
/// <param name="ProviderUnavailable">The reputation provider could not answer; with fail-open this is the only trace of it.</param>
public sealed record ReputationVerdict(bool Suspicious, IReadOnlyList<string> Reasons, bool ProviderUnavailable)
{
    /// <summary>A sentence for the challenge page naming what the network is, when a source knows; otherwise a generic one is shown.</summary>
    public string? ForUser { get; init; }

    public static readonly ReputationVerdict Clean = new(false, [], false);

    public static readonly ReputationVerdict UnavailableFailOpen = new(false, [], true);

    public static readonly ReputationVerdict UnavailableFailClosed = new(true, ["reputation provider unavailable (fail closed)"], true);

    public static ReputationVerdict SuspiciousBecause(string reason) => new(true, [reason], false);
}
