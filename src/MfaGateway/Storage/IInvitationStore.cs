namespace MfaGateway.Storage;

/// <summary>Enrolment invitations. Every change is one conditional statement, so two browsers or two instances cannot both win.</summary>
public interface IInvitationStore
{
    Task AddAsync(InvitationRecord invitation, CancellationToken cancellationToken);

    Task<InvitationRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Binds an open, unclaimed invitation to a browser; false when it was claimed, used, revoked or expired already.</summary>
    Task<bool> ClaimAsync(string id, byte[] browserHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks an open invitation used; false when it was used, revoked or expired already.</summary>
    Task<bool> UseAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes the user's open invitations; returns how many.</summary>
    Task<int> RevokeAllAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The user's invitations that are still open, newest first.</summary>
    Task<IReadOnlyList<InvitationRecord>> ListOpenAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken);
}
