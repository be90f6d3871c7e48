using System.Security.Cryptography;
using System.Text.Json;
using MfaGateway.Challenges;
using MfaGateway.Factors;
using MfaGateway.Factors.WebAuthn;
using MfaGateway.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.SelfService;

/// <summary>What the browser needs to answer with a passkey, and the id that names this confirmation.</summary>
/// <param name="OptionsJson">PublicKeyCredentialRequestOptions as JSON, for navigator.credentials.get.</param>
public sealed record PasskeyProofPrompt(string ProofId, string OptionsJson, DateTimeOffset ExpiresAt);

/// <summary>
/// A passkey or security key confirming a sensitive change on the security page (a
/// <see cref="ChangeProof"/>). It is an assertion like at a challenge, through the same factor, kept
/// under a random proof id and the user: another user's session cannot answer it whatever id it
/// sends, and an MFA challenge's options (kept under the challenge's id, which has no "proof:"
/// prefix) cannot be answered here, nor these there. The options are taken once by the answer.
/// </summary>
public sealed class PasskeyProof(IFactorStore factors, FactorSet factorSet, TimeProvider time)
{
    /// <summary>Long enough to find a security key; the browser's own timeout is usually shorter and wins.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Proof ids are made here as 22 characters; anything much longer is not one.</summary>
    private const int MaxProofIdLength = 64;

    private static readonly ChangeOutcome NoPasskey = ChangeOutcome.NotFound(
        "You have no passkey or security key that can be used here. Enter a code from your authenticator app or a recovery code instead.");

    /// <summary>The user's factors that answer with an assertion rather than a typed code (passkeys and security keys).</summary>
    public IReadOnlyList<(IAssertionFactor Factor, IReadOnlyList<FactorRecord> Enrolled)> AssertionFactorsOf(IReadOnlyList<FactorRecord> enrolled) =>
        [.. enrolled.GroupBy(f => f.Type)
            .Select(g => (Factor: factorSet.Find(g.Key) as IAssertionFactor, Enrolled: (IReadOnlyList<FactorRecord>)[.. g]))
            .Where(p => p.Factor is not null)
            .Select(p => (p.Factor!, p.Enrolled))];

    public async Task<(ChangeOutcome Outcome, PasskeyProofPrompt? Prompt)> StartAsync(HttpContext context, SecurityCaller caller)
    {
        var cancellationToken = context.RequestAborted;
        if (caller.User is not { } user)
        {
            return (NoPasskey, null);
        }

        var now = time.GetUtcNow();
        var proofId = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        foreach (var (factor, enrolled) in AssertionFactorsOf(await factors.ListAsync(user.Id, cancellationToken)))
        {
            // Null when passkeys were turned off by a reload, or the last one was removed meanwhile.
            var request = await factor.CreateOptionsAsync(new FactorContext(ChallengeFor(caller, user, proofId, now), user, enrolled, now), cancellationToken);
            if (request is not null)
            {
                return (ChangeOutcome.Done, new PasskeyProofPrompt(proofId, request.OptionsJson, request.ExpiresAt));
            }
        }

        return (NoPasskey, null);
    }

    /// <summary>Checks the browser's answer; the options it answers are taken whatever the result, except when it is refused and may be tried again.</summary>
    public async Task<(FactorVerification Result, string? FactorType)> VerifyAsync(SecurityCaller caller, UserRecord user, IReadOnlyList<FactorRecord> enrolled, ChangeProof proof, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(proof.ProofId) || proof.ProofId.Length > MaxProofIdLength)
        {
            return (FactorVerification.Fail(FactorRejection.NotStarted), null);
        }

        if (proof.Credential!.Length > WebAuthnCeremonies.MaxResponseLength)
        {
            return (FactorVerification.Fail(FactorRejection.Malformed), null);
        }

        JsonElement assertion;
        try
        {
            using var document = JsonDocument.Parse(proof.Credential!);
            assertion = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (FactorVerification.Fail(FactorRejection.Malformed), null);
        }

        var now = time.GetUtcNow();
        var last = FactorVerification.Fail(FactorRejection.NotStarted);
        foreach (var (factor, ofType) in AssertionFactorsOf(enrolled))
        {
            last = await factor.VerifyAssertionAsync(new FactorContext(ChallengeFor(caller, user, proof.ProofId, now), user, ofType, now), assertion, cancellationToken);
            if (last.Verified || last.Rejection != FactorRejection.NotStarted)
            {
                return (last, factor.Type);
            }
        }

        return (last, null);
    }

    /// <summary>
    /// Factors answer within a challenge; a confirmation has none stored, so it describes itself as
    /// one: named by the proof id, for the user of the caller's session, under the app's sign-in
    /// policy's user-verification requirement.
    /// </summary>
    private static FactorChallenge ChallengeFor(SecurityCaller caller, UserRecord user, string proofId, DateTimeOffset now) =>
        new($"proof:{proofId}", user.Realm, caller.Session.User, now + Lifetime, ChallengeStore.MaxPendingPerUser, caller.Policy.UserVerification);
}
