namespace MfaGateway.Risk;

/// <summary>A RiskBased policy's compiled choice of action per trigger.</summary>
public sealed record RiskRules(
    RiskAction NewDevice,
    RiskAction NewLocation,
    RiskAction ImpossibleTravel,
    RiskAction SuspiciousIp,
    RiskAction AfterPasswordChange)
{
    /// <summary>Every trigger challenges: what a RiskBased policy without a Risk section does.</summary>
    public static readonly RiskRules AllChallenge = new(RiskAction.Challenge, RiskAction.Challenge, RiskAction.Challenge, RiskAction.Challenge, RiskAction.Challenge);

    /// <summary>The triggers that are evaluated (not Off).</summary>
    public RiskTriggers Enabled { get; } =
        (NewDevice != RiskAction.Off ? RiskTriggers.NewDevice : 0)
        | (NewLocation != RiskAction.Off ? RiskTriggers.NewLocation : 0)
        | (ImpossibleTravel != RiskAction.Off ? RiskTriggers.ImpossibleTravel : 0)
        | (SuspiciousIp != RiskAction.Off ? RiskTriggers.SuspiciousIp : 0)
        | (AfterPasswordChange != RiskAction.Off ? RiskTriggers.AfterPasswordChange : 0);

    public RiskAction ActionFor(RiskTriggers trigger) => trigger switch
    {
        RiskTriggers.NewDevice => NewDevice,
        RiskTriggers.NewLocation => NewLocation,
        RiskTriggers.ImpossibleTravel => ImpossibleTravel,
        RiskTriggers.SuspiciousIp => SuspiciousIp,
        RiskTriggers.AfterPasswordChange => AfterPasswordChange,
        _ => RiskAction.Off,
    };
}
