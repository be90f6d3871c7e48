using MfaGateway.Risk;

namespace MfaGateway.Decisions;

/// <summary>The answer of the risk gate, once it was asked.</summary>
/// <param name="Assessment">Null when the gate found no factor to protect (the user enrols first, as under Required).</param>
public sealed record RiskFinding(RiskAssessment? Assessment)
{
    public static readonly RiskFinding NoFactor = new(Assessment: null);
}
