using System.Security.Cryptography;
using MfaGateway.Challenges;
using MfaGateway.Factors;
using MfaGateway.Factors.WebAuthn;
using MfaGateway.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.SelfService;

/// <summary>What the browser needs to create a passkey, and the id that names this set-up.</summary>
/// <param name="OptionsJson">PublicKeyCredentialCreationOptions as JSON, for navigator.credentials.create.</param>
/// <param name="IsFirst">The user has no factor yet: this set-up turns two-step verification on.</param>
public sealed record PasskeySetupPrompt(string SetupId, string OptionsJson, DateTimeOffset ExpiresAt, bool IsFirst);

/// <summary>
/// Adds a passkey or security key from the security page, under the rule authenticator apps follow:
/// a user with no factor may add their first, adding another needs a proof at the start (a code or
/// a passkey, <see cref="ChangeProof"/>). The ceremony is kept by <see cref="WebAuthnCeremonies"/>
/// under a random set-up id and the user, so two set-ups do not collide and another user's session
/// cannot complete this one, whatever id it sends.
/// </summary>
public sealed class PasskeySetup(
    WebAuthnCeremonies ceremonies,
    IWebAuthnSettingsSource settings,
    IFactorStore factors,
    IUserStore users,
    ChangeProofCheck proofs,
    NewFactorCompletion completion,
    TimeProvider time)
{
    /// <summary>Set-up ids are made here as 22 characters; anything much longer is not one.</summary>
    private const int MaxSetupIdLength = 64;

    private static readonly ChangeOutcome NotOffered = ChangeOutcome.NotFound("Passkeys and security keys are not offered here.");

    private static readonly ChangeOutcome Expired = new(ChangeStatus.Expired,
        "This set-up has expired or was already completed. Choose \"Add a passkey or security key\" to start again.");

    /// <param name="proof">Checked only when the user has a factor already.</param>
    public async Task<(ChangeOutcome Outcome, PasskeySetupPrompt? Prompt)> StartAsync(HttpContext context, SecurityCaller caller, ChangeProof proof)
    {
        var cancellationToken = context.RequestAborted;
        if (settings.Current is not { } relyingParty)
        {
            return (NotOffered, null);
        }

        var now = time.GetUtcNow();
        var user = await users.GetOrCreateAsync(caller.App.Realm, caller.Session.User, now, cancellationToken);
        var isFirst = (await factors.ListAsync(user.Id, cancellationToken)).Count == 0;
        if (!isFirst && (await proofs.VerifyAsync(context, caller, user, proof, SensitiveChange.AddFactor)).Outcome is { Succeeded: false } refused)
        {
            return (refused, null);
        }

        var setupId = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var expiresAt = now + relyingParty.Timeout;
        var options = await ceremonies.BeginRegistrationAsync(Owner(setupId, isFirst, user, expiresAt), null, cancellationToken);
        return options.OptionsJson is { } json
            ? (ChangeOutcome.Done, new PasskeySetupPrompt(setupId, json, expiresAt, isFirst))
            : (Refusal(options.Error), null);
    }

    /// <param name="credentialJson">The browser's PublicKeyCredential.toJSON(), as JSON text.</param>
    /// <param name="name">Optional: without one the factor is called "Passkey" or "Security key".</param>
    public async Task<AuthenticatorAdded> ConfirmAsync(HttpContext context, SecurityCaller caller, string? setupId, string? credentialJson, string? name)
    {
        var cancellationToken = context.RequestAborted;
        var clean = (string?)null;
        if (!string.IsNullOrWhiteSpace(name) && !FactorName.TryNormalize(name, out clean, out var problem))
        {
            return new AuthenticatorAdded(ChangeOutcome.Invalid(problem));
        }

        if (settings.Current is null)
        {
            return new AuthenticatorAdded(NotOffered);
        }

        var now = time.GetUtcNow();
        var existing = caller.User is { } known ? await factors.ListAsync(known.Id, cancellationToken) : [];
        if (caller.User is not { } user || string.IsNullOrEmpty(setupId) || setupId.Length > MaxSetupIdLength)
        {
            return new AuthenticatorAdded(Expired);
        }

        if (string.IsNullOrWhiteSpace(credentialJson) || credentialJson.Length > WebAuthnCeremonies.MaxResponseLength)
        {
            return new AuthenticatorAdded(ChangeOutcome.Invalid("Your browser sent no passkey. Choose \"Create passkey\" and follow your browser's steps."));
        }

        // The ceremony takes its state once: of two submissions of one set-up, one adds the factor and the other finds it gone.
        // Completing reads the lifetime kept with the ceremony, not the owner's. A set-up started as the
        // first (without a proof) is not found as a second one, and the other way round.
        var first = existing.Count == 0;
        var registered = await ceremonies.CompleteRegistrationAsync(Owner(setupId, first, user, now), credentialJson, first, clean, cancellationToken);
        if (registered.Error != FactorRejection.None)
        {
            return new AuthenticatorAdded(Refusal(registered.Error));
        }

        var factor = (await factors.ListAsync(user.Id, cancellationToken)).FirstOrDefault(f => f.Id == registered.FactorId);
        if (factor is null)
        {
            // Removed in another window between the two reads: nothing is left to report as added.
            return new AuthenticatorAdded(Expired);
        }

        return await completion.CompleteAsync(context, caller, user, factor, first, now) with { Credential = registered.Credential };
    }

    /// <summary>
    /// The ceremony's owner: the set-up id stands where an MFA challenge's id would, and the user's
    /// id binds it; whether it was started as the first factor is part of the name it is kept under.
    /// Pending ceremonies are bounded per user as challenges are.
    /// </summary>
    private static WebAuthnCeremonyOwner Owner(string setupId, bool first, UserRecord user, DateTimeOffset expiresAt) =>
        new($"setup:{(first ? "first" : "added")}:{setupId}", user.Realm, user.Id, user.UserName, expiresAt, ChallengeStore.MaxPendingPerUser);

    private static ChangeOutcome Refusal(FactorRejection error) => error switch
    {
        FactorRejection.NotOffered => NotOffered,
        FactorRejection.NotStarted => Expired,
        FactorRejection.Malformed => ChangeOutcome.Invalid("Your browser's answer could not be read. Try again, or use another browser."),
        FactorRejection.WrongOrigin or FactorRejection.WrongRelyingParty => Refused(error,
            "Your browser made this passkey for another web address. Open your security settings at the application's usual address and try again."),
        FactorRejection.UserVerificationMissing => Refused(error,
            "Your passkey or security key must also check that it is you (a PIN, fingerprint or face). Try again and complete that step."),
        FactorRejection.UserPresenceMissing => Refused(error, "Your security key did not confirm that you touched it. Try again."),
        FactorRejection.CredentialTaken => ChangeOutcome.Conflict("This passkey or security key is registered already. Use another one."),
        FactorRejection.AuthenticatorNotAllowed => new ChangeOutcome(ChangeStatus.AuthenticatorNotAllowed,
            "This model of passkey or security key is not allowed here. Use one your organisation accepts."),
        FactorRejection.AlreadyEnrolled => ChangeOutcome.Conflict(
            "A verification method was set up for this account in another window meanwhile. Reload this page."),
        _ => Refused(error, "The answer from your passkey or security key did not match this set-up. Start again."),
    };

    /// <summary>Refused with the wire code of the check that failed (origin_mismatch, invalid_signature, ...), as at challenges.</summary>
    private static ChangeOutcome Refused(FactorRejection error, string problem) =>
        new(ChangeStatus.CredentialRefused, problem) { Rejection = error };
}
