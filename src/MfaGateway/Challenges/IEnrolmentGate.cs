using MfaGateway.Storage;

namespace MfaGateway.Challenges;

/// <summary>Whether a first factor may be enrolled for this challenge, and the invitation that allows it.</summary>
/// <param name="InvitationId">The invitation to use up when the enrolment succeeds; null when the policy needs none.</param>
/// <param name="OnlyFactor">When set, only this factor type may be enrolled (the email factor, to an address the gateway knows).</param>
public sealed record EnrolmentPass(bool Allowed, string? InvitationId, string? OnlyFactor = null)
{
    public static readonly EnrolmentPass Open = new(true, null);

    public static readonly EnrolmentPass Refused = new(false, null);
}

/// <summary>
/// Who may enrol a user's first factor (the policy's FirstEnrolment): checked before every enrolment
/// step, so trust on first use can be replaced by an administrator's invitation.
/// </summary>
public interface IEnrolmentGate
{
    /// <param name="knownEmail">An address the gateway knows for the user (identity source, administrator): a code confirmed there can stand in for an invitation.</param>
    Task<EnrolmentPass> CheckAsync(PendingChallenge challenge, UserRecord user, string? knownEmail, CancellationToken cancellationToken);

    /// <summary>After the factor was stored: uses the invitation up, so its link enrols no one again.</summary>
    Task UseAsync(PendingChallenge challenge, EnrolmentPass pass, CancellationToken cancellationToken);
}
