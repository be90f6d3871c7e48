using System.Security.Cryptography;
using MfaGateway.Factors;
using MfaGateway.Factors.Totp;
using MfaGateway.Storage;
using OtpNet;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.SelfService;

/// <summary>What the user needs to add an authenticator app, and the id that names this set-up.</summary>
/// <param name="IsFirst">The user has no factor yet: this set-up turns two-step verification on.</param>
public sealed record AuthenticatorSetupPrompt(string SetupId, TotpEnrolmentPrompt Prompt, DateTimeOffset ExpiresAt, bool IsFirst);

/// <summary>
/// Adds an authenticator app from the security page. Enrolment at a challenge is tied to that
/// challenge; here the new secret waits, encrypted, in <see cref="PendingAuthenticators"/> under the
/// user and a random set-up id, and becomes a factor only after a valid code from it. A user with
/// none may add their first, as at enrolment. Adding another needs a proof at the start (a code or a
/// passkey, <see cref="ChangeProof"/>): a second factor passes challenges as well as the first, so
/// a fresh session alone would let whoever holds an unlocked browser plant their own.
/// </summary>
public sealed class AuthenticatorSetup(
    TotpSecretProtector secrets,
    IFactorStore factors,
    IUserStore users,
    PendingAuthenticators pending,
    ChangeProofCheck proofs,
    NewFactorCompletion completion,
    TimeProvider time)
{
    /// <summary>Long enough to install an app and scan a code; a set-up left longer must be started again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <param name="proof">Checked only when the user has a factor already.</param>
    public async Task<(ChangeOutcome Outcome, AuthenticatorSetupPrompt? Prompt)> StartAsync(HttpContext context, SecurityCaller caller, ChangeProof proof)
    {
        var cancellationToken = context.RequestAborted;
        var now = time.GetUtcNow();
        var user = await users.GetOrCreateAsync(caller.App.Realm, caller.Session.User, now, cancellationToken);
        var isFirst = (await factors.ListAsync(user.Id, cancellationToken)).Count == 0;
        if (!isFirst && (await proofs.VerifyAsync(context, caller, user, proof, SensitiveChange.AddFactor)).Outcome is { Succeeded: false } refused)
        {
            return (refused, null);
        }

        var settings = caller.Config.Totp.Parameters;

        // As long as the HMAC's output (20, 32 or 64 bytes), as RFC 4226 and RFC 2104 advise.
        var secret = KeyGeneration.GenerateRandomKey(settings.Algorithm);
        try
        {
            var setupId = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
            var record = new PendingAuthenticator(secrets.Protect(secret), settings.ToJson(), now + Lifetime, isFirst);
            await pending.SaveAsync(user, setupId, record, Lifetime, cancellationToken);
            return (ChangeOutcome.Done, new AuthenticatorSetupPrompt(setupId, Prompt(caller, user, secret, settings), record.ExpiresAt, isFirst));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The same QR code and key again (after a wrong code); null when the set-up expired or is not this user's.</summary>
    public async Task<AuthenticatorSetupPrompt?> ShowAsync(HttpContext context, SecurityCaller caller, string? setupId)
    {
        if (caller.User is not { } user || await pending.FindAsync(user, setupId, context.RequestAborted) is not { } record)
        {
            return null;
        }

        var secret = secrets.Unprotect(record.ProtectedSecret);
        try
        {
            return new AuthenticatorSetupPrompt(setupId!, Prompt(caller, user, secret, TotpFactorSettings.FromJson(record.Settings)), record.ExpiresAt, record.First);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <param name="name">Optional: without one the factor gets a numbered default name.</param>
    public async Task<AuthenticatorAdded> ConfirmAsync(HttpContext context, SecurityCaller caller, string? setupId, string? code, string? name)
    {
        var cancellationToken = context.RequestAborted;
        var clean = (string?)null;
        if (!string.IsNullOrWhiteSpace(name) && !FactorName.TryNormalize(name, out clean, out var problem))
        {
            return new AuthenticatorAdded(ChangeOutcome.Invalid(problem));
        }

        var now = time.GetUtcNow();
        if (caller.User is not { } user || await pending.FindAsync(user, setupId, cancellationToken) is not { } record)
        {
            return new AuthenticatorAdded(Expired);
        }

        // The proof was asked at the start, for a user who had a factor then. A set-up started without
        // one (as the first) does not become a second factor because one was added in another window.
        var existing = await factors.ListAsync(user.Id, cancellationToken);
        if (record.First && existing.Count > 0)
        {
            return new AuthenticatorAdded(AddedElsewhere);
        }

        var settings = TotpFactorSettings.FromJson(record.Settings);
        if (!Matches(record, settings, code, caller.Config.Totp.Window, now, out var step))
        {
            return new AuthenticatorAdded(new ChangeOutcome(ChangeStatus.WrongCode,
                "That code is not correct. Check that the app shows this account, then enter the code it shows now."));
        }

        // Taking the set-up is the commit point: of two submissions of it, one adds the factor.
        if (!await pending.TakeAsync(user, setupId!, cancellationToken))
        {
            return new AuthenticatorAdded(Expired);
        }

        // The proving code's step is recorded as used, so it cannot also pass the next challenge.
        var factor = new FactorRecord(
            Id: Guid.CreateVersion7(now).ToString("N"),
            UserId: user.Id,
            Type: FactorTypes.Totp,
            Name: clean ?? DefaultName(existing),
            ProtectedSecret: record.ProtectedSecret,
            Settings: record.Settings,
            LastTimeStep: step,
            CreatedAt: now,
            LastUsedAt: now);
        if (existing.Count > 0)
        {
            await factors.AddAsync(factor, cancellationToken);
        }
        else if (!await factors.AddFirstAsync(factor, cancellationToken))
        {
            return new AuthenticatorAdded(AddedElsewhere);
        }

        return await completion.CompleteAsync(context, caller, user, factor, first: existing.Count == 0, now);
    }

    private static ChangeOutcome AddedElsewhere =>
        ChangeOutcome.Conflict("An authenticator was set up for this account in another window meanwhile. Reload this page.");

    private static ChangeOutcome Expired => new(ChangeStatus.Expired, "This set-up has expired or was already completed. Start again to get a new QR code.");

    private static TotpEnrolmentPrompt Prompt(SecurityCaller caller, UserRecord user, byte[] secret, TotpFactorSettings settings) =>
        TotpEnrolmentPrompt.For(caller.Config.Issuer, user.UserName, secret, settings);

    private bool Matches(PendingAuthenticator record, TotpFactorSettings settings, string? typed, int window, DateTimeOffset now, out long step)
    {
        using var key = secrets.OpenKey(record.ProtectedSecret);
        return TotpCodeVerifier.TryMatch(key, settings, typed, now, window, out step);
    }

    /// <summary>"Authenticator app", then "Authenticator app 2" and so on, so two apps can be told apart before renaming.</summary>
    private static string DefaultName(IReadOnlyList<FactorRecord> existing)
    {
        const string name = "Authenticator app";
        if (!existing.Any(f => f.Name == name))
        {
            return name;
        }

        var number = 2;
        while (existing.Any(f => f.Name == $"{name} {number}"))
        {
            number++;
        }

        return $"{name} {number}";
    }
}
