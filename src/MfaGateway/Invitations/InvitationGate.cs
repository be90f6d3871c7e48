using MfaGateway.Challenges;
using MfaGateway.Configuration;
using MfaGateway.Factors;
using MfaGateway.Policies;
using MfaGateway.Storage;

namespace MfaGateway.Invitations;

/// <summary>
/// The policy's FirstEnrolment, enforced: under Invitation a first factor is enrolled only in the
/// browser that opened the user's own invitation link, while that invitation is open. Enrolment runs
/// in the pages and API of a browser request, whose cookie is read through the HTTP context.
/// </summary>
public sealed class InvitationGate(InvitationService invitations, GatewayConfigMonitor config, IHttpContextAccessor http) : IEnrolmentGate
{
    public async Task<EnrolmentPass> CheckAsync(PendingChallenge challenge, UserRecord user, string? knownEmail, CancellationToken cancellationToken)
    {
        // A policy that a reload removed asks nothing less of the user than the strictest would.
        if (config.Current.Policies.TryGetValue(challenge.PolicyName, out var policy) && policy.FirstEnrolment == FirstEnrolment.Open)
        {
            return EnrolmentPass.Open;
        }

        if (http.HttpContext is { } context && await invitations.HeldByAsync(context, user.Id, cancellationToken) is { } invitation)
        {
            return new EnrolmentPass(true, invitation.Id);
        }

        // Or a code confirmed at an address the organisation vouches for: whoever has only the password
        // does not read that mailbox. Only the email factor, and only to that address (the enrolment fixes it).
        return knownEmail is not null && challenge.AllowedFactors.Contains(FactorTypes.Email)
            ? new EnrolmentPass(true, null, FactorTypes.Email)
            : EnrolmentPass.Refused;
    }

    public Task UseAsync(PendingChallenge challenge, EnrolmentPass pass, CancellationToken cancellationToken) =>
        pass.InvitationId is { } id ? invitations.UseAsync(http.HttpContext, id, challenge.Realm, challenge.User, cancellationToken) : Task.CompletedTask;
}
