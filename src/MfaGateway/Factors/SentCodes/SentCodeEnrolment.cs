using MfaGateway.Delivery;
using MfaGateway.Storage;

namespace MfaGateway.Factors.SentCodes;

/// <summary>What enrolling a sent-code factor shows: a field for the destination, then (once a code went out) a field for the code.</summary>
/// <param name="Delivery">Null until a code was sent for this challenge; then where it went and whether another may be sent.</param>
/// <param name="FixedDestination">When the destination is not the user's to choose (an address the organisation gave), it masked; null otherwise.</param>
public sealed record SentCodeEnrolmentPrompt(string Type, string DestinationName, CodeDelivery? Delivery, string? FixedDestination = null) : EnrolmentPrompt(Type);

/// <summary>Sending a confirmation code to a destination the user typed: what went out, or why nothing did.</summary>
/// <param name="Problem">The destination cannot be used (not a valid number or address), in words for the page.</param>
public sealed record SentCodeEnrolmentResult(CodeDelivery? Delivery, string? Problem = null);

/// <summary>Enrolment of a sent-code factor: the destination is typed first and confirmed with a code sent to it.</summary>
public interface ISentCodeEnrolment : IFactorEnrolment
{
    /// <param name="destination">What the user typed; null to send a new code to the destination of the live one.</param>
    Task<SentCodeEnrolmentResult> SendAsync(EnrolmentContext context, string? destination, CancellationToken cancellationToken);
}

/// <summary>
/// Enrols an e-mail address or phone number as a factor only after a code sent to it comes back: the
/// destination waits, sealed, with the code under the challenge, so a typo or someone else's number
/// never becomes a factor. The same code rules as at a challenge (single use, lifetime, cooldown).
/// </summary>
public sealed class SentCodeEnrolment(ICodeChannel channel, SentCodeVault vault, SendQuota quota, DestinationProtector destinations, IFactorStore factors, ISentCodeSettingsSource settings, ContactBook contacts)
    : ISentCodeEnrolment
{
    public string Type => channel.FactorType;

    public async Task<EnrolmentPrompt?> StartAsync(EnrolmentContext context, CancellationToken cancellationToken)
    {
        if (!channel.IsAvailable)
        {
            return null;
        }

        var live = await vault.FindAsync(SlotFor(context), cancellationToken);
        return new SentCodeEnrolmentPrompt(Type, channel.DestinationName, live is null ? null : CodeDelivery.AlreadySent(live.Destination, null),
            Fixed(context) is { } known ? channel.Mask(known) : null);
    }

    public async Task<SentCodeEnrolmentResult> SendAsync(EnrolmentContext context, string? destination, CancellationToken cancellationToken)
    {
        var slot = SlotFor(context);
        string normalized;
        if (Fixed(context) is { } known)
        {
            // What the user typed does not matter: the code goes to the address the organisation knows.
            normalized = known;
        }
        else if (destination is null)
        {
            if (await vault.FindAsync(slot, cancellationToken) is not { Payload: { } sealedDestination }
                || destinations.Unprotect(context.User.Id, Type, sealedDestination) is not { } pending)
            {
                return new SentCodeEnrolmentResult(null, $"Enter your {channel.DestinationName} first.");
            }

            normalized = pending;
        }
        else if (!channel.TryNormalize(destination, out normalized, out var problem))
        {
            return new SentCodeEnrolmentResult(null, problem);
        }

        if (!channel.IsAvailable)
        {
            return new SentCodeEnrolmentResult(CodeDelivery.Failed(channel.Mask(normalized)));
        }

        var masked = channel.Mask(normalized);
        var issue = await vault.IssueAsync(slot, null, masked, resend: true, cancellationToken, destinations.Protect(context.User.Id, Type, normalized));
        if (!issue.IsNew)
        {
            return new SentCodeEnrolmentResult(CodeDelivery.AlreadySent(issue.Record?.Destination, issue.RetryAfter ?? TimeSpan.FromSeconds(1)));
        }

        if (await quota.TryTakeAsync(context.User.Realm, context.User.UserName, Type, normalized, context.Client, cancellationToken) is { } resetIn)
        {
            await vault.ForgetAsync(slot, cancellationToken);
            return new SentCodeEnrolmentResult(CodeDelivery.Refused(resetIn));
        }

        var sent = await channel.SendAsync(
            new CodeSendRequest(normalized, issue.Code!, CodePurpose.ConfirmDestination, settings.Issuer, issue.Record!.ExpiresAt - issue.Record.SentAt, context.Client)
            {
                Realm = context.User.Realm,
                User = context.User.UserName,
            },
            cancellationToken);
        if (sent.Status == CodeSendStatus.Delivered)
        {
            return new SentCodeEnrolmentResult(CodeDelivery.SentTo(masked));
        }

        await vault.ForgetAsync(slot, cancellationToken);
        return new SentCodeEnrolmentResult(sent.Status == CodeSendStatus.Limited ? CodeDelivery.Refused(sent.RetryAfter) : CodeDelivery.Failed(masked));
    }

    public async Task<EnrolmentOutcome> CompleteAsync(EnrolmentContext context, FactorResponse response, CancellationToken cancellationToken)
    {
        var check = await vault.VerifyAsync(SlotFor(context), response.Code, cancellationToken);
        switch (check.Result)
        {
            case SentCodeResult.NotSent:
                return new EnrolmentOutcome(null, EnrolmentFailure.InvalidProof, FactorRejection.CodeExpired);
            case SentCodeResult.Wrong:
                return new EnrolmentOutcome(null, EnrolmentFailure.InvalidProof, FactorRejection.Invalid);
            case SentCodeResult.Used:
                return new EnrolmentOutcome(null, EnrolmentFailure.InvalidProof, FactorRejection.Replayed);
        }

        if (check.Record!.Payload is not { } sealedDestination || destinations.Unprotect(context.User.Id, Type, sealedDestination) is not { } destination)
        {
            return new EnrolmentOutcome(null, EnrolmentFailure.NotStarted);
        }

        var factor = new FactorRecord(
            Id: Guid.CreateVersion7(context.Now).ToString("N"),
            UserId: context.User.Id,
            Type: Type,
            Name: channel.Mask(destination),
            ProtectedSecret: destinations.Protect(context.User.Id, Type, destination),
            Settings: "{}",
            LastTimeStep: null,
            CreatedAt: context.Now,
            LastUsedAt: context.Now);
        if (!await factors.AddFirstAsync(factor, cancellationToken))
        {
            return new EnrolmentOutcome(null, EnrolmentFailure.AlreadyEnrolled);
        }

        // Kept apart from the factor: if it is removed later, the notice of that still reaches this address.
        if (ContactBook.KindOf(Type) is { } kind)
        {
            var source = Fixed(context) == destination ? ContactSource.Identity : ContactSource.Factor;
            await contacts.RememberAsync(context.User.Id, kind, destination, source, cancellationToken);
        }

        return new EnrolmentOutcome(factor, EnrolmentFailure.None);
    }

    private string? Fixed(EnrolmentContext context) => Type == FactorTypes.Email ? context.KnownEmail : null;

    /// <summary>A set-up's code: under the challenge, apart from the challenge's own sign-in code of the same type.</summary>
    private SentCodeSlot SlotFor(EnrolmentContext context) => SentCodeFactor.SlotFor(context.Challenge, $"confirm-{Type}");
}
