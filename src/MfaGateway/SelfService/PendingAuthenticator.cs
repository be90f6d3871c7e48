using System.Text.Json;
using System.Text.Json.Serialization;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>An authenticator being added, kept in the ephemeral store until the user proves it works.</summary>
/// <param name="ProtectedSecret">The new TOTP secret, encrypted as stored factors' secrets are.</param>
/// <param name="Settings">The factor's TOTP settings as JSON (algorithm, digits, period).</param>
/// <param name="First">Started for a user with no factor, so without a proof: it may only become a first factor.</param>
public sealed record PendingAuthenticator(byte[] ProtectedSecret, string Settings, DateTimeOffset ExpiresAt, bool First);

[JsonSerializable(typeof(PendingAuthenticator))]
internal sealed partial class PendingAuthenticatorJsonContext : JsonSerializerContext;

/// <summary>
/// Authenticators being added, keyed by the user's id and a random set-up id: another user's session
/// cannot complete (or even see) a set-up, whatever id it sends.
/// </summary>
public sealed class PendingAuthenticators(IEphemeralStore store)
{
    private const int MaxSetupIdLength = 64;

    /// <summary>Authenticators one user may be setting up at once; a new set-up beyond this ends the oldest.</summary>
    private const int MaxPerUser = 5;

    public ValueTask SaveAsync(UserRecord user, string setupId, PendingAuthenticator pending, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        store.SetAsync(Key(user, setupId), JsonSerializer.SerializeToUtf8Bytes(pending, PendingAuthenticatorJsonContext.Default.PendingAuthenticator), timeToLive, new EphemeralOwner($"selfservice:{user.Id}", MaxPerUser), cancellationToken);

    public async Task<PendingAuthenticator?> FindAsync(UserRecord user, string? setupId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(setupId) || setupId.Length > MaxSetupIdLength)
        {
            return null;
        }

        var stored = await store.GetAsync(Key(user, setupId), cancellationToken);
        try
        {
            return stored is null ? null : JsonSerializer.Deserialize(stored, PendingAuthenticatorJsonContext.Default.PendingAuthenticator);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Removes the set-up; false when it was gone already. Of two concurrent callers only one gets true.</summary>
    public async Task<bool> TakeAsync(UserRecord user, string setupId, CancellationToken cancellationToken) =>
        await store.TakeAsync(Key(user, setupId), cancellationToken) is not null;

    private static string Key(UserRecord user, string setupId) => $"selfservice:totp:{user.Id}:{setupId}";
}
