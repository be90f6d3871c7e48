using MfaGateway.Storage;

namespace MfaGateway.Delivery;

/// <summary>Where the gateway can reach a user: only destinations the user confirmed with a code (or an administrator gave).</summary>
/// <param name="Email">A confirmed e-mail address, if any.</param>
/// <param name="Phone">A confirmed phone number in E.164, if any.</param>
public sealed record UserContacts(string? Email, string? Phone)
{
    public static readonly UserContacts None = new(null, null);
}

/// <summary>Finds a user's confirmed contacts (from their e-mail and SMS factors).</summary>
public interface IUserContacts
{
    Task<UserContacts> FindAsync(UserRecord user, CancellationToken cancellationToken);
}
