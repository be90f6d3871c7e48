using System.Net;
using MfaGateway.Risk.Geo;

namespace MfaGateway.Risk;

/// <summary>One trigger that fired.</summary>
/// <param name="ForUser">Plain words for the challenge page ("We don't recognise this device.").</param>
/// <param name="ForAudit">Terse facts for the audit log ("country PT not among DE, FR").</param>
public sealed record RiskSignal(RiskTriggers Trigger, string ForUser, string ForAudit);

/// <summary>The outcome of weighing one sign-in or request against a RiskBased policy.</summary>
/// <param name="Checked">The triggers that were evaluated.</param>
/// <param name="Place">Where the client address locates, when it could be located.</param>
public sealed record RiskAssessment(
    RiskTriggers Checked,
    IReadOnlyList<RiskSignal> Signals,
    RiskAction Action,
    IPAddress? Client,
    GeoPlace? Place,
    string? DeviceId)
{
    public RiskTriggers Fired
    {
        get
        {
            var fired = RiskTriggers.None;
            foreach (var signal in Signals)
            {
                fired |= signal.Trigger;
            }

            return fired;
        }
    }

    public IReadOnlyList<string> ReasonsForUser => [.. Signals.Select(s => s.ForUser)];
}
