using MfaGateway.Apps;
using MfaGateway.Audit;
using MfaGateway.Networking;
using MfaGateway.Observability;
using MfaGateway.Storage;

namespace MfaGateway.Risk;

/// <summary>
/// Where the enforcement path and the login watcher ask a RiskBased policy what to do: evaluates,
/// records the decision and its reasons in the audit log, and refreshes the history when the
/// check is quiet.
/// </summary>
public sealed partial class RiskGate(
    RiskEvaluator evaluator,
    RiskHistoryRecorder recorder,
    IUserStore users,
    IFactorStore factors,
    AuditLog audit,
    TimeProvider time,
    ILogger<RiskGate> logger)
{
    /// <param name="rules">The RiskBased policy's action per trigger; null challenges on every trigger.</param>
    /// <returns>Null when the user has no factor yet: a RiskBased policy has them enrol, as Required does.</returns>
    public async Task<RiskAssessment?> AssessAsync(RequestOrigin origin, RiskSettings settings, ProtectedApp app, string policyName, RiskRules? rules, string userName, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(app.Realm, userName, cancellationToken);
        if (user is null || (await factors.ListAsync(user.Id, cancellationToken)).Count == 0)
        {
            return null;
        }

        var assessment = await evaluator.EvaluateAsync(origin, settings, rules ?? RiskRules.AllChallenge, user, cancellationToken);
        var outcome = assessment.Action switch
        {
            RiskAction.Deny => AuditOutcomes.Denied,
            RiskAction.Challenge => AuditOutcomes.Challenged,
            _ => AuditOutcomes.Success,
        };
        await audit.RecordAsync(
            origin,
            app.Realm,
            user.UserName,
            AuditEventTypes.RiskEvaluated,
            outcome,
            ("policy", policyName),
            ("checked", assessment.Checked.ToString()),
            ("fired", assessment.Fired.ToString()),
            ("reasons", string.Join(" | ", assessment.Signals.Select(s => s.ForAudit))),
            ("place", assessment.Place is null ? "unlocated" : PlaceNames.Describe(assessment.Place)));
        LogAssessed(logger, app.Name, user.UserName, policyName, assessment.Fired.ToString(), assessment.Action);

        if (assessment.Action == RiskAction.Off)
        {
            await recorder.RecordClearedAsync(origin, user, assessment, time.GetUtcNow(), cancellationToken);
        }

        return assessment;
    }

    /// <param name="reasons">The fired triggers in plain words (<see cref="RiskAssessment.ReasonsForUser"/>).</param>
    public static string DenialText(IReadOnlyList<string> reasons) =>
        "This sign-in was refused: " + string.Join(" ", reasons);

    [LoggerMessage(EventId = EventIds.RiskAssessed, Level = LogLevel.Information, Message = "Risk check for {App}/{User} under {Policy}: fired {Fired}, action {Action}")]
    private static partial void LogAssessed(ILogger logger, string app, string user, string policy, string fired, RiskAction action);
}
