using MfaGateway.Delivery;
using MfaGateway.Storage;

namespace MfaGateway.Factors.SentCodes;

/// <summary>
/// A user's confirmed contacts: an address an administrator gave first, then the primary email or SMS
/// factor (each destination was proven with a code), then the last one the user confirmed, kept after
/// its factor was removed so that the notice of the removal reaches it.
/// </summary>
public sealed class FactorContacts(IFactorStore factors, DestinationProtector destinations, ContactBook book) : IUserContacts
{
    public async Task<UserContacts> FindAsync(UserRecord user, CancellationToken cancellationToken)
    {
        var enrolled = await factors.ListAsync(user.Id, cancellationToken);
        var stored = await book.ReadAsync(user.Id, cancellationToken);
        return new UserContacts(
            Pick(stored, ContactKind.Email, Destination(user, enrolled, FactorTypes.Email)),
            Pick(stored, ContactKind.Phone, Destination(user, enrolled, FactorTypes.Sms)));
    }

    private static string? Pick(IReadOnlyDictionary<ContactKind, (string Address, ContactSource Source)> stored, ContactKind kind, string? fromFactor) =>
        stored.TryGetValue(kind, out var contact) && (contact.Source == ContactSource.Administrator || fromFactor is null) ? contact.Address : fromFactor;

    private string? Destination(UserRecord user, IReadOnlyList<FactorRecord> enrolled, string type) =>
        enrolled.Where(f => f.Type == type).OrderByDescending(f => f.IsPrimary)
            .Select(f => destinations.Unprotect(user.Id, type, f.ProtectedSecret))
            .FirstOrDefault(d => d is not null);
}
