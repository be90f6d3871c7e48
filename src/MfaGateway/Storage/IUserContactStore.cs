namespace MfaGateway.Storage;

/// <summary>A user's confirmed contacts, one per kind.</summary>
public interface IUserContactStore
{
    Task<IReadOnlyList<ContactRecord>> ListAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Sets the user's contact of that kind, unless the one stored came from a stronger source; returns whether it was set.</summary>
    Task<bool> SetAsync(ContactRecord contact, CancellationToken cancellationToken);
}
