using MfaGateway.Devices;

namespace MfaGateway.SelfService;

/// <summary>
/// Forgetting the user's devices (remembered and recognised alike); each needs a fresh MFA. A forgotten
/// browser is asked for a code at its next sign-in; sessions a remembered device opened end at their next request.
/// </summary>
public sealed class DeviceChanges(UserDevices devices, TimeProvider time)
{
    private const string Reason = "forgotten by the user";

    public async Task<ChangeOutcome> ForgetAsync(HttpContext context, SecurityCaller caller, string? deviceId)
    {
        if (!caller.IsFresh(time.GetUtcNow()))
        {
            return ChangeOutcome.FreshMfaRequired;
        }

        return caller.User is { } user && await devices.ForgetAsync(context, user, deviceId, Reason, context.RequestAborted) is not null
            ? ChangeOutcome.Done
            : ChangeOutcome.NotFound("That device is not in your list (it may have been forgotten already).");
    }

    /// <returns>The outcome and how many devices were forgotten.</returns>
    public async Task<(ChangeOutcome Outcome, int Count)> ForgetAllAsync(HttpContext context, SecurityCaller caller)
    {
        if (!caller.IsFresh(time.GetUtcNow()))
        {
            return (ChangeOutcome.FreshMfaRequired, 0);
        }

        var count = caller.User is { } user ? (await devices.ForgetAllAsync(context, user, Reason, context.RequestAborted)).Devices : 0;
        return (ChangeOutcome.Done, count);
    }
}
