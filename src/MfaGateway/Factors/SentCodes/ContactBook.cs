using MfaGateway.Storage;

namespace MfaGateway.Factors.SentCodes;

/// <summary>
/// The user's confirmed contacts as stored apart from their factors (sealed like factor destinations),
/// so that the notice of a removed factor or a reset still finds the address it must go to.
/// </summary>
public sealed class ContactBook(IUserContactStore contacts, DestinationProtector destinations, TimeProvider time)
{
    public Task<bool> RememberAsync(long userId, ContactKind kind, string address, ContactSource source, CancellationToken cancellationToken) =>
        contacts.SetAsync(new ContactRecord(userId, kind, destinations.Protect(userId, Purpose(kind), address), source, time.GetUtcNow()), cancellationToken);

    /// <summary>The user's readable contacts by kind (a row sealed for another user or key ring is skipped).</summary>
    public async Task<IReadOnlyDictionary<ContactKind, (string Address, ContactSource Source)>> ReadAsync(long userId, CancellationToken cancellationToken)
    {
        var found = new Dictionary<ContactKind, (string, ContactSource)>();
        foreach (var contact in await contacts.ListAsync(userId, cancellationToken))
        {
            if (destinations.Unprotect(userId, Purpose(contact.Kind), contact.SealedValue) is { } address)
            {
                found[contact.Kind] = (address, contact.Source);
            }
        }

        return found;
    }

    /// <summary>The contact kind a sent-code factor's destination is, if it is one.</summary>
    public static ContactKind? KindOf(string factorType) => factorType switch
    {
        FactorTypes.Email => ContactKind.Email,
        FactorTypes.Sms => ContactKind.Phone,
        _ => null,
    };

    private static string Purpose(ContactKind kind) => $"contact:{kind}";
}
