using MfaGateway.Delivery;
using MfaGateway.Storage;

namespace MfaGateway.Factors.SentCodes;

/// <summary>
/// A user's confirmed contacts are their e-mail and SMS factors: each destination was proven with a
/// code before it became one. The primary of each type wins when there are several.
/// </summary>
public sealed class FactorContacts(IFactorStore factors, DestinationProtector destinations) : IUserContacts
{
    public async Task<UserContacts> FindAsync(UserRecord user, CancellationToken cancellationToken)
    {
        var enrolled = await factors.ListAsync(user.Id, cancellationToken);
        return new UserContacts(Destination(user, enrolled, FactorTypes.Email), Destination(user, enrolled, FactorTypes.Sms));
    }

    private string? Destination(UserRecord user, IReadOnlyList<FactorRecord> enrolled, string type) =>
        enrolled.Where(f => f.Type == type).OrderByDescending(f => f.IsPrimary)
            .Select(f => destinations.Unprotect(user.Id, type, f.ProtectedSecret))
            .FirstOrDefault(d => d is not null);
}
