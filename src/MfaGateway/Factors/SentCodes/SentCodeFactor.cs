using MfaGateway.Delivery;
using MfaGateway.Storage;

namespace MfaGateway.Factors.SentCodes;

/// <summary>
/// "Send, then verify" at a challenge, for one channel: the code goes to the user's confirmed
/// destination (their first factor of the channel's type, the primary if it is one), is kept only
/// as a keyed hash under the challenge, and passes once.
/// </summary>
public sealed class SentCodeFactor(ICodeChannel channel, SentCodeVault vault, SendQuota quota, DestinationProtector destinations, IFactorStore factors, ISentCodeSettingsSource settings, SignInLinks links) : ISentCodeFactor
{
    public string Type => channel.FactorType;

    public string DisplayName => channel.DisplayName;

    public string Instructions => $"Enter the code we sent to your {channel.DestinationName}.";

    public async Task<CodeDelivery> SendCodeAsync(FactorContext context, bool resend, CancellationToken cancellationToken)
    {
        var slot = SlotFor(context.Challenge, Type);
        if ((context.Factors.FirstOrDefault(f => f.IsPrimary) ?? context.Factors.FirstOrDefault()) is not { } factor
            || destinations.Unprotect(context.User.Id, Type, factor.ProtectedSecret) is not { } destination)
        {
            return CodeDelivery.Failed(string.Empty);
        }

        var masked = channel.Mask(destination);
        if (!channel.IsAvailable)
        {
            return CodeDelivery.Failed(masked);
        }

        var issue = await vault.IssueAsync(slot, factor.Id, masked, resend, cancellationToken);
        if (!issue.IsNew)
        {
            return CodeDelivery.AlreadySent(issue.Record?.Destination, issue.RetryAfter);
        }

        if (await quota.TryTakeAsync(context.Challenge.Realm, context.Challenge.User, Type, destination, context.Client, cancellationToken) is { } resetIn)
        {
            await vault.ForgetAsync(slot, cancellationToken);
            return CodeDelivery.Refused(resetIn);
        }

        // A resend replaces the link with the code: only the latest message signs in.
        var lifetime = issue.Record!.ExpiresAt - issue.Record.SentAt;
        Uri? link = null;
        if (context.Challenge.SignInLink is { } linkPage && channel.SendsLinks)
        {
            link = new Uri(linkPage + await links.IssueAsync(context.Challenge.Id, factor.Id, lifetime, cancellationToken));
        }

        var sent = await channel.SendAsync(
            new CodeSendRequest(destination, issue.Code!, CodePurpose.SignIn, settings.Issuer, lifetime, context.Client)
            {
                Realm = context.User.Realm,
                User = context.User.UserName,
                Link = link,
            },
            cancellationToken);
        if (sent.Status == CodeSendStatus.Delivered)
        {
            return CodeDelivery.SentTo(masked);
        }

        // Nothing reached the user: no code (or link) waits for them, and they may ask again at once.
        await vault.ForgetAsync(slot, cancellationToken);
        await links.ForgetAsync(context.Challenge.Id, cancellationToken);
        return sent.Status == CodeSendStatus.Limited ? CodeDelivery.Refused(sent.RetryAfter) : CodeDelivery.Failed(masked);
    }

    public async Task<FactorVerification> VerifyLinkAsync(FactorContext context, string link, CancellationToken cancellationToken)
    {
        if (!channel.SendsLinks)
        {
            return FactorVerification.Fail(FactorRejection.Invalid);
        }

        var (result, factorId) = await links.VerifyAsync(context.Challenge.Id, link, cancellationToken);
        if (result == SignInLinkResult.Passed && context.Factors.Any(f => f.Id == factorId) && await factors.MarkUsedAsync(factorId!, context.Now, cancellationToken))
        {
            // The code that went with it must not pass a second time.
            await vault.ForgetAsync(SlotFor(context.Challenge, Type), cancellationToken);
            return FactorVerification.Success(factorId!);
        }

        return FactorVerification.Fail(result == SignInLinkResult.NotSent ? FactorRejection.CodeExpired : FactorRejection.Invalid);
    }

    public async Task<FactorVerification> VerifyCodeAsync(FactorContext context, string? code, CancellationToken cancellationToken)
    {
        var check = await vault.VerifyAsync(SlotFor(context.Challenge, Type), code, cancellationToken);

        // The factor must still be the user's: removed meanwhile, its code passes nothing.
        if (check.Passed && context.Factors.Any(f => f.Id == check.Record!.FactorId) && await factors.MarkUsedAsync(check.Record!.FactorId!, context.Now, cancellationToken))
        {
            return FactorVerification.Success(check.Record.FactorId!);
        }

        return check.Result switch
        {
            SentCodeResult.Used => FactorVerification.Fail(FactorRejection.Replayed),
            SentCodeResult.NotSent => FactorVerification.Fail(FactorRejection.CodeExpired),
            _ => FactorVerification.Fail(FactorRejection.Invalid),
        };
    }

    /// <summary>A challenge's code for this type: owned by the challenge's user, dead with the challenge.</summary>
    public static SentCodeSlot SlotFor(FactorChallenge challenge, string type) =>
        new(challenge.Id, type, new EphemeralOwner($"sentcode:{challenge.Realm}:{challenge.User}", challenge.PendingPerUser * 2), challenge.ExpiresAt);
}
