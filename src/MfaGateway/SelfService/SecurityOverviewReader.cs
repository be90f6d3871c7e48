using MfaGateway.Devices;
using MfaGateway.Factors.Recovery;
using MfaGateway.Factors.WebAuthn;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>Reads what the security page shows; viewing needs no fresh MFA.</summary>
public sealed class SecurityOverviewReader(
    IFactorStore factors,
    IWebAuthnCredentialStore credentials,
    IWebAuthnSettingsSource webAuthnSettings,
    RecoveryCodeService recoveryCodes,
    UserDevices devices,
    TimeProvider time)
{
    public async Task<SecurityOverview> ReadAsync(HttpContext context, SecurityCaller caller)
    {
        var cancellationToken = context.RequestAborted;
        var user = caller.User;
        return new SecurityOverview(
            caller.Session.User,
            caller.App.Name,
            user is null ? [] : await factors.ListAsync(user.Id, cancellationToken),
            user is null ? new Dictionary<string, WebAuthnCredential>() : (await credentials.ListAsync(user.Id, cancellationToken)).ToDictionary(c => c.FactorId, StringComparer.Ordinal),
            webAuthnSettings.Current is not null,
            user is null ? 0 : await recoveryCodes.CountRemainingAsync(user.Id, cancellationToken),
            user is null ? [] : await devices.ListAsync(user, devices.CurrentOf(context, caller.App), cancellationToken),
            caller.App.FormLogin?.AfterLoginPath ?? "/",
            caller.Policy.DemandsMfa || user?.MfaRequired == true,
            caller.Session.MfaAt,
            caller.ChangesAllowedUntil,
            caller.IsFresh(time.GetUtcNow()));
    }
}
