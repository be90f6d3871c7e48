namespace MfaGateway.Storage;

/// <summary>The part of a user's history one risk evaluation compares a request with.</summary>
/// <param name="LastMfa">Where and when the user last passed MFA, when that was asked for and is known.</param>
public sealed record RiskHistory(bool DeviceKnown, IReadOnlyList<KnownPlace> Places, MfaPosition? LastMfa)
{
    /// <summary>Nothing read: no trigger that needs the history is on.</summary>
    public static readonly RiskHistory None = new(false, [], null);
}
