using System.Collections.Concurrent;

namespace MfaGateway.Sessions;

/// <summary>
/// Decrypting a session token costs microseconds on every proxied request. A token is authenticated
/// ciphertext, so the same string always decodes to the same session: the decoded result is kept,
/// briefly and in bounded number. Only tokens that decrypted are kept, so garbage cannot fill the
/// cache; expiry and binding are still checked on every request by the caller.
/// </summary>
public sealed class SessionTokenCache(GatewaySessionProtector protector, TimeProvider time)
{
    /// <summary>Enough for every active session of a large deployment on one instance.</summary>
    public const int Capacity = 16_384;

    /// <summary>Short, so a rotated or revoked Data Protection key stops being honoured soon after.</summary>
    public static readonly TimeSpan EntryLifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Looked up by span, so a hit allocates nothing (the token is read straight from the header).</summary>
    public VouchedSession? Unprotect(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (_entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var entry) && entry.KeepUntil > now)
        {
            return entry.Vouched;
        }

        return UnprotectAndKeep(token.ToString(), now);
    }

    private VouchedSession? UnprotectAndKeep(string token, DateTimeOffset now)
    {
        var session = protector.Unprotect(token);
        if (session is null)
        {
            return null;
        }

        if (_entries.Count >= Capacity)
        {
            // Rare and cheap: everything is re-derived from the cookies on the next requests.
            _entries.Clear();
        }

        var vouched = new VouchedSession(session);
        _entries[token] = new Entry(vouched, now + EntryLifetime);
        return vouched;
    }

    private sealed record Entry(VouchedSession Vouched, DateTimeOffset KeepUntil);
}
