using MfaGateway.TrustedDevices;

namespace MfaGateway.SelfService;

/// <summary>Forgetting remembered devices; each needs a fresh MFA. Revocation takes effect on the devices' next request.</summary>
public sealed class DeviceChanges(TrustedDeviceService devices, TimeProvider time)
{
    public async Task<ChangeOutcome> ForgetAsync(HttpContext context, SecurityCaller caller, string? deviceId)
    {
        if (!caller.IsFresh(time.GetUtcNow()))
        {
            return ChangeOutcome.FreshMfaRequired;
        }

        return caller.User is { } user && !string.IsNullOrEmpty(deviceId) && await devices.RevokeAsync(context, user, deviceId, context.RequestAborted)
            ? ChangeOutcome.Done
            : ChangeOutcome.NotFound("That device is not remembered for you (it may have been forgotten or expired already).");
    }

    /// <returns>The outcome and how many devices were forgotten.</returns>
    public async Task<(ChangeOutcome Outcome, int Count)> ForgetAllAsync(HttpContext context, SecurityCaller caller)
    {
        if (!caller.IsFresh(time.GetUtcNow()))
        {
            return (ChangeOutcome.FreshMfaRequired, 0);
        }

        var count = caller.User is { } user ? await devices.RevokeAllAsync(context, user, "forgotten by the user", context.RequestAborted) : 0;
        return (ChangeOutcome.Done, count);
    }
}
