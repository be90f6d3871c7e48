using MfaGateway.Apps;
using MfaGateway.Configuration;
using MfaGateway.Decisions;
using MfaGateway.Identity;
using MfaGateway.Networking;
using MfaGateway.PasswordChanges;
using MfaGateway.Risk;
using MfaGateway.Storage;
using MfaGateway.TrustedDevices;

namespace MfaGateway.Enforcement;

/// <summary>
/// Fetches the input <see cref="AccessDecider"/> asks for, from wherever it lives (the request, memory,
/// the stores, the risk gate). It decides nothing: every "if" about what a request needs is the decider's.
/// </summary>
public sealed class AccessFactGatherer(
    IdentityResolver identities,
    RevokedDevices revokedDevices,
    RecentPasswordChanges passwordChanges,
    IUserStore users,
    IFactorStore factors,
    RiskGate riskGate,
    TrustedDeviceSessions trustedDevices)
{
    /// <summary>Asks the decider, gathering what it needs, until it has decided.</summary>
    public async Task<(AccessDecision Decision, AccessRequest Request)> DecideAsync(HttpContext context, GatewayConfig config, ProtectedApp app, AccessRequest request)
    {
        var decision = AccessDecider.Decide(request);
        while (decision is AccessDecision.NeedFact need)
        {
            request = await GatherAsync(context, config, app, request, need.Fact);
            decision = AccessDecider.Decide(request);
        }

        return (decision, request);
    }

    /// <summary>Completes synchronously for what is in memory or in the request (the proxied path's common case).</summary>
    public ValueTask<AccessRequest> GatherAsync(HttpContext context, GatewayConfig config, ProtectedApp app, AccessRequest request, AccessFact fact) => fact switch
    {
        AccessFact.Identity => WithIdentityAsync(request, identities.IdentifyAsync(context, config, app)),
        AccessFact.PasswordChange => ValueTask.FromResult(request with { PasswordChange = PasswordChange(config, app, request) }),
        AccessFact.User => WithUserAsync(app, request, context.RequestAborted),
        AccessFact.Risk => WithRiskAsync(context, config, app, request),
        AccessFact.TrustedDevice => WithDeviceAsync(context, app, request),
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "not an input of the access decision"),
    };

    private ValueTask<AccessRequest> WithIdentityAsync(AccessRequest request, ValueTask<Identification> pending) =>
        pending.IsCompletedSuccessfully ? ValueTask.FromResult(WithIdentity(request, pending.Result)) : AwaitIdentityAsync(request, pending);

    private async ValueTask<AccessRequest> AwaitIdentityAsync(AccessRequest request, ValueTask<Identification> pending) =>
        WithIdentity(request, await pending);

    private AccessRequest WithIdentity(AccessRequest request, Identification identification) => request with
    {
        Identification = identification,
        SessionDeviceRevoked = identification.Vouched?.Session.DeviceId is { } device && revokedDevices.Contains(device),
    };

    private PasswordChangeFinding PasswordChange(GatewayConfig config, ProtectedApp app, AccessRequest request) =>
        passwordChanges.LatestWithin(app.Realm, request.Identification!.User!, request.Now, config.Risk.PasswordChangeWindow) is { } at
            ? new PasswordChangeFinding(at)
            : PasswordChangeFinding.None;

    private async ValueTask<AccessRequest> WithUserAsync(ProtectedApp app, AccessRequest request, CancellationToken cancellationToken)
    {
        var record = await users.FindAsync(app.Realm, request.Identification!.User!, cancellationToken);
        var facts = record is null
            ? UserFacts.Unknown
            : new UserFacts(Enrolled: (await factors.ListAsync(record.Id, cancellationToken)).Count > 0, record.MfaRequired);
        return request with { User = facts };
    }

    private async ValueTask<AccessRequest> WithRiskAsync(HttpContext context, GatewayConfig config, ProtectedApp app, AccessRequest request)
    {
        var assessment = await riskGate.AssessAsync(context.Origin(), config.Risk, app, request.Policy.Name, request.Policy.Risk, request.Identification!.User!, context.RequestAborted);
        return request with { Risk = assessment is null ? RiskFinding.NoFactor : new RiskFinding(assessment) };
    }

    private async ValueTask<AccessRequest> WithDeviceAsync(HttpContext context, ProtectedApp app, AccessRequest request) =>
        request with { Device = await trustedDevices.FindAsync(context, app, request.Identification!.User!, context.RequestAborted) };
}
