using System.Security.Cryptography;
using System.Text;
using MfaGateway.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.Factors.SentCodes;

public enum SignInLinkResult
{
    Passed,

    /// <summary>No link waits for this challenge: never sent, expired, replaced by a resend, or used.</summary>
    NotSent,

    Wrong,
}

/// <summary>
/// The sign-in links of e-mail codes (a policy's EmailLink): one per challenge, a 256-bit secret of
/// which only the SHA-256 is kept, under the challenge's id, living as long as the code it goes with.
/// The link itself names no challenge: the browser's own challenge cookie does, so a link opened in
/// another browser finds nothing to answer. Taken once, atomically.
/// </summary>
public sealed class SignInLinks(IEphemeralStore store)
{
    public async Task<string> IssueAsync(string challengeId, string factorId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await store.SetAsync(Key(challengeId), Encoding.UTF8.GetBytes($"{factorId}\n{Convert.ToHexString(Hash(secret))}"), lifetime, cancellationToken);
        return secret;
    }

    public ValueTask<bool> ForgetAsync(string challengeId, CancellationToken cancellationToken) => store.DeleteAsync(Key(challengeId), cancellationToken);

    public async Task<(SignInLinkResult Result, string? FactorId)> VerifyAsync(string challengeId, string secret, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(Key(challengeId), cancellationToken) is not { } stored || Parse(stored) is not { } link)
        {
            return (SignInLinkResult.NotSent, null);
        }

        if (secret.Length > 64 || !CryptographicOperations.FixedTimeEquals(Hash(secret), link.Hash))
        {
            return (SignInLinkResult.Wrong, null);
        }

        // Of two answers with the right secret at once, only one takes it.
        return await store.TakeAsync(Key(challengeId), cancellationToken) is null ? (SignInLinkResult.NotSent, null) : (SignInLinkResult.Passed, link.FactorId);
    }

    private static (string FactorId, byte[] Hash)? Parse(byte[] stored)
    {
        var text = Encoding.UTF8.GetString(stored);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline <= 0 ? null : (text[..newline], Convert.FromHexString(text[(newline + 1)..]));
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Key(string challengeId) => $"signinlink:{challengeId}";
}
