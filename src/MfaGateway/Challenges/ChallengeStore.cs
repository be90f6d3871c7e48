using System.Security.Cryptography;
using System.Text.Json;
using MfaGateway.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.Challenges;

/// <summary>Pending challenges and their failure counters in the ephemeral store, encrypted at rest.</summary>
public sealed class ChallengeStore(IEphemeralStore store, IDataProtectionProvider dataProtection, TimeProvider time)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("MfaGateway.Challenge.v1");

    /// <summary>
    /// Pending challenges one user may have at once; a new one beyond this replaces the oldest. More
    /// than any person answers in parallel, few enough that a loop of sign-ins cannot fill memory.
    /// </summary>
    public const int MaxPendingPerUser = 10;

    public static string NewId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    public async Task SaveAsync(PendingChallenge challenge, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(challenge, ChallengeJsonContext.Default.PendingChallenge);
        await store.SetAsync(Key(challenge.Id), _protector.Protect(json), TimeToLive(challenge), OwnerOf(challenge), cancellationToken);
    }

    public async Task<PendingChallenge?> FindAsync(string? id, CancellationToken cancellationToken) =>
        IsWellFormed(id) ? Read(await store.GetAsync(Key(id!), cancellationToken)) : null;

    /// <summary>Removes and returns the challenge: of two concurrent completions only one gets it.</summary>
    public async Task<PendingChallenge?> TakeAsync(string id, CancellationToken cancellationToken) =>
        IsWellFormed(id) ? Read(await store.TakeAsync(Key(id), cancellationToken)) : null;

    /// <summary>
    /// Removes the challenge. Its attempt counter stays until the challenge would have expired: an
    /// answer that found the challenge just before must still count on from where the others left
    /// off, not from a fresh counter at 1.
    /// </summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        await store.DeleteAsync(Key(id), cancellationToken);

    /// <summary>Counts one more answer to the challenge (before it is checked) and returns the count.</summary>
    public async Task<long> CountAttemptAsync(PendingChallenge challenge, CancellationToken cancellationToken) =>
        await store.IncrementAsync(AttemptsKey(challenge.Id), TimeToLive(challenge), cancellationToken);

    /// <summary>The user's quota of pending challenges (its enrolment secrets have one of their own).</summary>
    public static EphemeralOwner OwnerOf(PendingChallenge challenge) => new($"challenges:{challenge.Realm}:{challenge.User}", MaxPendingPerUser);

    private static string Key(string id) => $"challenge:{id}";

    private static string AttemptsKey(string id) => $"challenge-attempts:{id}";

    /// <summary>Ids are 22 base64url characters; anything else is not looked up at all.</summary>
    private static bool IsWellFormed(string? id) =>
        id is { Length: 22 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private TimeSpan TimeToLive(PendingChallenge challenge)
    {
        var remaining = challenge.ExpiresAt - time.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.FromSeconds(1);
    }

    private PendingChallenge? Read(byte[]? stored)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            var challenge = JsonSerializer.Deserialize(_protector.Unprotect(stored), ChallengeJsonContext.Default.PendingChallenge);
            return challenge is not null && challenge.ExpiresAt > time.GetUtcNow() ? challenge : null;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            return null;
        }
    }
}
