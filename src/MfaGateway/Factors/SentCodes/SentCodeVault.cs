using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MfaGateway.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace MfaGateway.Factors.SentCodes;

/// <summary>Where a code belongs: the challenge (or set-up) it answers and what it is for ("email", "sms", "confirm:email").</summary>
/// <param name="NotAfter">The code dies with its challenge if that ends sooner than the code's own lifetime.</param>
public sealed record SentCodeSlot(string OwnerId, string Purpose, EphemeralOwner Owner, DateTimeOffset NotAfter)
{
    public string Key => $"sentcode:{Purpose}:{OwnerId}";

    /// <summary>The resend cooldown's counter.</summary>
    public string GateKey => $"sentcode-gate:{Purpose}:{OwnerId}";
}

/// <summary>What issuing gave: a new code to send, or none because one was sent moments ago (and is still the one to type).</summary>
/// <param name="Record">The new code's record, or the live one kept; null when none is live and another send is under way.</param>
/// <param name="RetryAfter">When no new code was made: how long until one may be.</param>
public sealed record SentCodeIssue(string? Code, SentCodeRecord? Record, TimeSpan? RetryAfter)
{
    public bool IsNew => Code is not null;
}

/// <summary>
/// Issues and checks the codes of sent-code factors: single use, bound to one slot (a challenge and
/// a purpose), alive for the configured lifetime, and a new one only after the resend cooldown. The
/// failure count is the challenge's, not the code's, so a resend does not give more guesses.
/// </summary>
public sealed class SentCodeVault(IEphemeralStore store, IDataProtectionProvider dataProtection, ISentCodeSettingsSource settings, TimeProvider time)
{
    private readonly IDataProtector _keys = dataProtection.CreateProtector("MfaGateway.SentCodes.v1");

    /// <summary>
    /// A new code for the slot unless one is live: when <paramref name="resend"/> is false any live
    /// code is kept (a reload of the page sends nothing); when true, a new one replaces it once the
    /// cooldown since the last one has passed.
    /// </summary>
    /// <param name="payload">Kept with the code and given back with a pass (sealed by the caller).</param>
    public async Task<SentCodeIssue> IssueAsync(SentCodeSlot slot, string? factorId, string maskedDestination, bool resend, CancellationToken cancellationToken, byte[]? payload = null)
    {
        var now = time.GetUtcNow();
        var current = settings.Current;
        var live = await ReadAsync(slot, cancellationToken) is { } found && found.ExpiresAt > now ? found : null;
        if (live is not null && !resend)
        {
            return new SentCodeIssue(null, live, Wait(live, current, now));
        }

        // The cooldown is one atomic counter, not a read of the last send: of two resends clicked at
        // once only one sends (and costs an SMS).
        if (await store.IncrementAsync(slot.GateKey, current.ResendCooldown, cancellationToken) > 1)
        {
            return new SentCodeIssue(null, live, live is null ? current.ResendCooldown : Wait(live, current, now) ?? TimeSpan.FromSeconds(1));
        }

        var code = SentCode.New(current.Digits);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            var expiresAt = Min(now + current.Lifetime, slot.NotAfter);
            var record = new SentCodeRecord(Protector(slot).Protect(key), HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(code)), factorId, maskedDestination, current.Digits, now, expiresAt, payload);
            await store.SetAsync(slot.Key, JsonSerializer.SerializeToUtf8Bytes(record, SentCodeRecordJsonContext.Default.SentCodeRecord), expiresAt - now, slot.Owner, cancellationToken);
            return new SentCodeIssue(code, record, null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The code could not be sent: it goes, so the user is not asked for a code they never got, and may try again at once.</summary>
    public async Task ForgetAsync(SentCodeSlot slot, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(slot.Key, cancellationToken);
        await store.DeleteAsync(slot.GateKey, cancellationToken);
    }

    /// <summary>The live code's record, if any (where it went, when), for a page shown again.</summary>
    public async Task<SentCodeRecord?> FindAsync(SentCodeSlot slot, CancellationToken cancellationToken) =>
        await ReadAsync(slot, cancellationToken) is { } record && record.ExpiresAt > time.GetUtcNow() ? record : null;

    /// <summary>
    /// Checks a typed code. A right one is taken from the store in the same step that decides it, so of
    /// two submissions of one code exactly one passes; a wrong one leaves the code in place.
    /// </summary>
    public async Task<SentCodeCheck> VerifyAsync(SentCodeSlot slot, string? typed, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(slot.Key, cancellationToken);
        if (stored is null || Parse(stored) is not { } record || record.ExpiresAt <= time.GetUtcNow())
        {
            return SentCodeCheck.NotSent;
        }

        if (SentCode.Normalize(typed, record.Digits) is not { } code || !Matches(slot, record, code))
        {
            return SentCodeCheck.Wrong;
        }

        var taken = await store.TakeAsync(slot.Key, cancellationToken);
        if (taken is null)
        {
            return SentCodeCheck.Used;
        }

        if (!taken.AsSpan().SequenceEqual(stored))
        {
            // A resend replaced the code between the read and the take: this was the old one. The new
            // one goes back for the user to type.
            var remaining = Parse(taken) is { } newer ? newer.ExpiresAt - time.GetUtcNow() : TimeSpan.Zero;
            if (remaining > TimeSpan.Zero)
            {
                await store.SetAsync(slot.Key, taken, remaining, slot.Owner, cancellationToken);
            }

            return SentCodeCheck.Wrong;
        }

        return new SentCodeCheck(SentCodeResult.Passed, record);
    }

    private bool Matches(SentCodeSlot slot, SentCodeRecord record, string code)
    {
        byte[] key;
        try
        {
            key = Protector(slot).Unprotect(record.SealedKey);
        }
        catch (CryptographicException)
        {
            // Sealed for another slot, or under a key ring this gateway does not have: no code matches.
            return false;
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(code)), record.Hash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The key is sealed to its slot: a record copied under another challenge's name does not open there.</summary>
    private IDataProtector Protector(SentCodeSlot slot) => _keys.CreateProtector(slot.Key);

    private async Task<SentCodeRecord?> ReadAsync(SentCodeSlot slot, CancellationToken cancellationToken) =>
        await store.GetAsync(slot.Key, cancellationToken) is { } stored ? Parse(stored) : null;

    private static SentCodeRecord? Parse(byte[] stored)
    {
        try
        {
            return JsonSerializer.Deserialize(stored, SentCodeRecordJsonContext.Default.SentCodeRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>How long until another code may be sent; null when one may be now.</summary>
    private static TimeSpan? Wait(SentCodeRecord live, SentCodeSettings current, DateTimeOffset now) =>
        live.SentAt + current.ResendCooldown - now is var wait && wait > TimeSpan.Zero ? wait : null;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

public enum SentCodeResult
{
    Passed,

    /// <summary>No live code for the slot: never sent, expired, or its challenge ended.</summary>
    NotSent,

    Wrong,

    /// <summary>It was right, and another submission of it passed first.</summary>
    Used,
}

/// <param name="Record">On a pass: the code's record (which factor it was sent for).</param>
public sealed record SentCodeCheck(SentCodeResult Result, SentCodeRecord? Record = null)
{
    public static readonly SentCodeCheck NotSent = new(SentCodeResult.NotSent);
    public static readonly SentCodeCheck Wrong = new(SentCodeResult.Wrong);
    public static readonly SentCodeCheck Used = new(SentCodeResult.Used);

    public bool Passed => Result == SentCodeResult.Passed;
}
