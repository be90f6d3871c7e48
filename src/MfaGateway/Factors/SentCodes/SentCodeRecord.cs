using System.Text.Json.Serialization;

namespace MfaGateway.Factors.SentCodes;

/// <summary>
/// A code that was sent, as kept in the ephemeral store: never the code, only an HMAC of it under a
/// key of its own, and that key sealed with Data Protection. Reading the store (a Redis dump) is not
/// enough to test the million six-digit candidates offline; the gateway's key ring is needed too.
/// </summary>
/// <param name="FactorId">The factor the code was sent for (its destination), or null for a destination being confirmed.</param>
/// <param name="Destination">Where it went, masked, so a page reloaded later can still say so.</param>
/// <param name="Digits">The code's length when it was made (a reload may change the setting meanwhile).</param>
/// <param name="Payload">What the caller keeps with the code, already sealed (a destination being confirmed).</param>
public sealed record SentCodeRecord(byte[] SealedKey, byte[] Hash, string? FactorId, string Destination, int Digits, DateTimeOffset SentAt, DateTimeOffset ExpiresAt, byte[]? Payload = null);

[JsonSerializable(typeof(SentCodeRecord))]
internal sealed partial class SentCodeRecordJsonContext : JsonSerializerContext;
