using System.Security.Cryptography;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using MfaGateway.Storage;
using MfaGateway.Observability;
using Microsoft.AspNetCore.DataProtection;

namespace MfaGateway.Factors.WebAuthn;

/// <summary>
/// Registration and authentication ceremonies (W3C WebAuthn Level 3, sections 7.1 and 7.2), verified by
/// fido2-net-lib; this class keeps what the library leaves to the relying party:
/// the challenge is kept server-side under the MFA challenge and its user, taken once and put back
/// unchanged when the answer is refused; credential ids are unique across users; the user handle is
/// random; the signature counter is compared and stored atomically; the public key is sealed at rest.
/// </summary>
public sealed partial class WebAuthnCeremonies(
    IWebAuthnSettingsSource settingsSource,
    IWebAuthnCredentialStore credentials,
    IEphemeralStore pending,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    ILogger<WebAuthnCeremonies> logger)
{
    /// <summary>WebAuthn L3 section 13.4.3 asks for at least 16 random bytes; 32 from the CSPRNG.</summary>
    public const int ChallengeBytes = 32;

    /// <summary>Section 5.4.3: a user handle is at most 64 bytes and must not identify the user; 32 random bytes.</summary>
    public const int UserHandleBytes = 32;

    /// <summary>A browser's answer is a few kilobytes even with an attestation certificate chain; a longer one is not read.</summary>
    public const int MaxResponseLength = 64 * 1024;

    private readonly IDataProtector _keys = dataProtection.CreateProtector("MfaGateway.Factor.WebAuthn.PublicKey.v1");

    /// <param name="userVerification">The policy's requirement; the configured one when null.</param>
    public async Task<WebAuthnOptionsResult> BeginRegistrationAsync(WebAuthnCeremonyOwner owner, UserVerificationRequirement? userVerification, CancellationToken cancellationToken)
    {
        if (settingsSource.Current is not { } settings)
        {
            return WebAuthnOptionsResult.Refused(FactorRejection.NotOffered);
        }

        var existing = await credentials.ListAsync(owner.UserId, cancellationToken);

        // One random handle per user, shared by their credentials: never the user name (section 14.6.1).
        var handle = existing.Count > 0 ? existing[0].UserHandle : RandomNumberGenerator.GetBytes(UserHandleBytes);
        var options = Library(settings).RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = handle, Name = owner.UserName, DisplayName = owner.UserName },

            // Section 5.4.3 excludeCredentials: an authenticator that holds one of these says so instead of making a second.
            ExcludeCredentials = [.. existing.Select(Descriptor)],
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = settings.ResidentKey,
                UserVerification = userVerification ?? settings.UserVerification,
            },
            AttestationPreference = settings.Attestation,
            PubKeyCredParams = PubKeyCredParam.Defaults,
        });
        var json = options.ToJson();
        return new WebAuthnOptionsResult(json, FactorRejection.None, await KeepAsync(RegistrationKey(owner), owner, json, settings, cancellationToken));
    }

    /// <param name="first">Store only if the user has no factor yet (a first enrolment, which needs no MFA).</param>
    /// <param name="name">Normalised by the caller (SelfService/FactorName); null or blank gives "Passkey" or "Security key".</param>
    public async Task<WebAuthnRegistrationResult> CompleteRegistrationAsync(WebAuthnCeremonyOwner owner, string responseJson, bool first, string? name, CancellationToken cancellationToken)
    {
        if (settingsSource.Current is not { } settings)
        {
            return WebAuthnRegistrationResult.Refused(FactorRejection.NotOffered);
        }

        if (responseJson.Length > MaxResponseLength)
        {
            return WebAuthnRegistrationResult.Refused(FactorRejection.Malformed);
        }

        var key = RegistrationKey(owner);
        if (await TakeAsync(key, owner, cancellationToken) is not { } state)
        {
            return WebAuthnRegistrationResult.Refused(FactorRejection.NotStarted);
        }

        var error = FactorRejection.None;
        RegisteredPublicKeyCredential? made = null;
        try
        {
            var response = JsonSerializer.Deserialize<AuthenticatorAttestationRawResponse>(responseJson)
                ?? throw new JsonException("null response");
            made = await Library(settings).MakeNewCredentialAsync(
                new MakeNewCredentialParams
                {
                    AttestationResponse = response,
                    OriginalOptions = CredentialCreateOptions.FromJson(state.Options),

                    // Section 7.1 step 26: a credential id registered to anyone is refused.
                    IsCredentialIdUniqueToUserCallback = async (p, ct) => await credentials.FindAsync(p.CredentialId, ct) is null,
                },
                cancellationToken);
        }
        catch (Exception ex) when (Refusal(ex) is { } refusal)
        {
            error = refusal;
        }

        // Section 7.1 step 22 leaves trust in the attestation to the relying party: with an allow-list,
        // only a model that proved itself with an attestation statement is accepted.
        if (made is not null && settings.AllowedAaguids.Count > 0
            && (made.AttestationFormat == "none" || !settings.AllowedAaguids.Contains(made.AaGuid)))
        {
            error = FactorRejection.AuthenticatorNotAllowed;
        }

        if (error != FactorRejection.None || made is null)
        {
            await PutBackAsync(key, owner, state, cancellationToken);
            return WebAuthnRegistrationResult.Refused(error);
        }

        var now = time.GetUtcNow();
        var factorId = Guid.CreateVersion7(now).ToString("N");
        var credential = new WebAuthnCredential(
            made.Id,
            factorId,
            owner.UserId,
            made.User.Id,
            Seal(owner.UserId, made.Id, made.PublicKey),
            made.SignCount,
            made.AaGuid,
            made.Transports ?? [],
            made.IsBackupEligible,
            made.IsBackedUp,
            made.AttestationFormat ?? "none",
            PossiblyCloned: false,
            now);
        var factor = new FactorRecord(
            factorId,
            owner.UserId,
            FactorTypes.WebAuthn,
            string.IsNullOrWhiteSpace(name) ? (made.IsBackupEligible ? "Passkey" : "Security key") : name.Trim(),
            ProtectedSecret: [],
            Settings: "{}",
            LastTimeStep: null,
            CreatedAt: now,
            LastUsedAt: null);
        switch (await credentials.AddAsync(factor, credential, first, cancellationToken))
        {
            case CredentialAddResult.Added:
                return new WebAuthnRegistrationResult(credential, factor, FactorRejection.None);
            case CredentialAddResult.CredentialTaken:
                return WebAuthnRegistrationResult.Refused(FactorRejection.CredentialTaken);
            default:
                return WebAuthnRegistrationResult.Refused(FactorRejection.AlreadyEnrolled);
        }
    }

    /// <param name="userVerification">The policy's requirement; the configured one when null.</param>
    public async Task<WebAuthnOptionsResult> BeginAssertionAsync(WebAuthnCeremonyOwner owner, UserVerificationRequirement? userVerification, CancellationToken cancellationToken)
    {
        if (settingsSource.Current is not { } settings)
        {
            return WebAuthnOptionsResult.Refused(FactorRejection.NotOffered);
        }

        var existing = await credentials.ListAsync(owner.UserId, cancellationToken);
        if (existing.Count == 0)
        {
            return WebAuthnOptionsResult.Refused(FactorRejection.UnknownCredential);
        }

        // Section 7.2 step 5 is checked against this list: only the user's own credentials are allowed.
        var options = Library(settings).GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [.. existing.Select(Descriptor)],
            UserVerification = userVerification ?? settings.UserVerification,
        });
        var json = options.ToJson();
        return new WebAuthnOptionsResult(json, FactorRejection.None, await KeepAsync(AssertionKey(owner), owner, json, settings, cancellationToken));
    }

    public async Task<WebAuthnAssertionResult> CompleteAssertionAsync(WebAuthnCeremonyOwner owner, string responseJson, CancellationToken cancellationToken)
    {
        if (settingsSource.Current is not { } settings)
        {
            return new WebAuthnAssertionResult(null, FactorRejection.NotOffered);
        }

        if (responseJson.Length > MaxResponseLength)
        {
            return new WebAuthnAssertionResult(null, FactorRejection.Malformed);
        }

        var key = AssertionKey(owner);
        if (await TakeAsync(key, owner, cancellationToken) is not { } state)
        {
            return new WebAuthnAssertionResult(null, FactorRejection.NotStarted);
        }

        var (result, keep) = await VerifyAssertionAsync(owner, settings, state, responseJson, cancellationToken);
        if (keep)
        {
            await PutBackAsync(key, owner, state, cancellationToken);
        }

        return result;
    }

    /// <returns>The result, and whether the ceremony's challenge goes back for another try (every refusal).</returns>
    private async Task<(WebAuthnAssertionResult Result, bool Keep)> VerifyAssertionAsync(
        WebAuthnCeremonyOwner owner, WebAuthnSettings settings, CeremonyState state, string responseJson, CancellationToken cancellationToken)
    {
        AuthenticatorAssertionRawResponse? response;
        try
        {
            response = JsonSerializer.Deserialize<AuthenticatorAssertionRawResponse>(responseJson);
        }
        catch (Exception ex) when (Refusal(ex) is not null)
        {
            response = null;
        }

        if (response?.RawId is not { Length: > 0 } rawId || response.Response is null)
        {
            return (new WebAuthnAssertionResult(null, FactorRejection.Malformed), true);
        }

        // Section 7.2 steps 5 and 6: the credential must be one of this user's (another user's is as unknown as a made-up one).
        var credential = (await credentials.ListAsync(owner.UserId, cancellationToken))
            .FirstOrDefault(c => c.CredentialId.AsSpan().SequenceEqual(rawId));
        if (credential is null)
        {
            return (new WebAuthnAssertionResult(null, FactorRejection.UnknownCredential), true);
        }

        if (Unseal(credential) is not { } publicKey)
        {
            LogKeyUnreadable(logger, owner.UserName, credential.FactorId);
            return (new WebAuthnAssertionResult(null, FactorRejection.UnknownCredential), true);
        }

        VerifyAssertionResult verified;
        try
        {
            verified = await Library(settings).MakeAssertionAsync(
                new MakeAssertionParams
                {
                    AssertionResponse = response,
                    OriginalOptions = AssertionOptions.FromJson(state.Options),
                    StoredPublicKey = publicKey,

                    // The library's own counter check would refuse outright; step 22 is done below, per config.
                    StoredSignatureCounter = 0,

                    // Section 7.2 step 6: a user handle, when the authenticator returns one, must be this user's.
                    IsUserHandleOwnerOfCredentialIdCallback = (p, _) => Task.FromResult(
                        p.UserHandle is null || CryptographicOperations.FixedTimeEquals(p.UserHandle, credential.UserHandle)),
                },
                cancellationToken);
        }
        catch (Exception ex) when (Refusal(ex) is { } refusal)
        {
            return (new WebAuthnAssertionResult(credential, refusal), true);
        }

        // Section 7.2 step 22: if either counter is non-zero, the new one must be greater, else the
        // credential may have been cloned. Non-zero then zero counts too: an authenticator that kept a
        // counter does not stop keeping it.
        var regressed = (credential.SignCount != 0 || verified.SignCount != 0) && verified.SignCount <= credential.SignCount;
        if (regressed)
        {
            LogCounterRegression(logger, owner.UserName, credential.FactorId, credential.SignCount, verified.SignCount, settings.CounterRegression);
        }
        if (regressed && settings.CounterRegression == CounterRegressionAction.Refuse)
        {
            return (new WebAuthnAssertionResult(credential, FactorRejection.CounterRegression, PresentedCount: verified.SignCount), true);
        }

        // Compare-and-set on the counter read above: of two assertions racing with one counter, one passes.
        if (!await credentials.TryRecordUseAsync(credential.CredentialId, credential.SignCount, verified.SignCount, verified.IsBackedUp, regressed, time.GetUtcNow(), cancellationToken))
        {
            return (new WebAuthnAssertionResult(credential, FactorRejection.CounterRegression), true);
        }

        return (new WebAuthnAssertionResult(credential with { SignCount = Math.Max(verified.SignCount, credential.SignCount), BackedUp = verified.IsBackedUp, PossiblyCloned = credential.PossiblyCloned || regressed }, FactorRejection.None, regressed, regressed ? verified.SignCount : null), false);
    }

    /// <summary>What the library's exceptions mean to the user; null for an exception that is not about the input (it propagates).</summary>
    private static FactorRejection? Refusal(Exception exception) => exception switch
    {
        Fido2VerificationException fido => fido.Code switch
        {
            Fido2ErrorCode.InvalidAuthenticatorResponseOrigin or Fido2ErrorCode.MissingAuthenticatorResponseOrigin
                or Fido2ErrorCode.CrossOriginRequestNotAllowed or Fido2ErrorCode.InvalidAuthenticatorResponseTopOrigin => FactorRejection.WrongOrigin,
            Fido2ErrorCode.InvalidRpidHash => FactorRejection.WrongRelyingParty,
            Fido2ErrorCode.InvalidAuthenticatorResponseChallenge or Fido2ErrorCode.MissingAuthenticatorResponseChallenge => FactorRejection.ChallengeMismatch,
            Fido2ErrorCode.InvalidSignature => FactorRejection.BadSignature,
            Fido2ErrorCode.UserVerificationRequirementNotMet => FactorRejection.UserVerificationMissing,
            Fido2ErrorCode.UserPresentFlagNotSet => FactorRejection.UserPresenceMissing,
            Fido2ErrorCode.NonUniqueCredentialId => FactorRejection.CredentialTaken,
            Fido2ErrorCode.InvalidSignCount => FactorRejection.CounterRegression,
            _ => FactorRejection.Malformed,
        },
        JsonException or FormatException or ArgumentException or System.Formats.Cbor.CborContentException
            or InvalidOperationException or CryptographicException or OverflowException or IndexOutOfRangeException => FactorRejection.Malformed,
        _ => null,
    };

    private static Fido2 Library(WebAuthnSettings settings) => new(new Fido2Configuration
    {
        RPID = settings.RelyingPartyId,
        RPName = settings.RelyingPartyName,
        Origins = new HashSet<string>(settings.Origins, StringComparer.Ordinal),
        Timeout = (uint)settings.Timeout.TotalMilliseconds,
        ChallengeSize = ChallengeBytes,
    });

    /// <summary>Transports only when the authenticator named some: a null list is not a valid member for the browser.</summary>
    private static PublicKeyCredentialDescriptor Descriptor(WebAuthnCredential credential) =>
        credential.Transports.Count > 0
            ? new(PublicKeyCredentialType.PublicKey, credential.CredentialId, [.. credential.Transports])
            : new(credential.CredentialId);

    private byte[] Seal(long userId, byte[] credentialId, byte[] publicKey) =>
        _keys.CreateProtector($"user:{userId}", $"credential:{Convert.ToHexString(credentialId)}").Protect(publicKey);

    /// <summary>Null when the sealed key does not open for this user and credential (a row copied or tampered with).</summary>
    private byte[]? Unseal(WebAuthnCredential credential)
    {
        try
        {
            return _keys.CreateProtector($"user:{credential.UserId}", $"credential:{Convert.ToHexString(credential.CredentialId)}").Unprotect(credential.ProtectedPublicKey);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string RegistrationKey(WebAuthnCeremonyOwner owner) => $"webauthn:register:{owner.ChallengeId}";

    private static string AssertionKey(WebAuthnCeremonyOwner owner) => $"webauthn:assert:{owner.ChallengeId}";

    /// <returns>When the kept challenge expires.</returns>
    private async ValueTask<DateTimeOffset> KeepAsync(string key, WebAuthnCeremonyOwner owner, string options, WebAuthnSettings settings, CancellationToken cancellationToken)
    {
        // Lives for the browser's timeout, and never past the MFA challenge it belongs to.
        var now = time.GetUtcNow();
        var expiresAt = Min(now + settings.Timeout, owner.ChallengeExpiresAt);
        var state = new CeremonyState(owner.UserId, expiresAt.ToUnixTimeMilliseconds(), options);
        await pending.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(state), expiresAt - now, Owner(owner), cancellationToken);
        return expiresAt;
    }

    /// <summary>Takes the ceremony's state if it is this user's and alive; someone else's is left where it was.</summary>
    private async ValueTask<CeremonyState?> TakeAsync(string key, WebAuthnCeremonyOwner owner, CancellationToken cancellationToken)
    {
        if (await pending.TakeAsync(key, cancellationToken) is not { } stored)
        {
            return null;
        }

        var state = JsonSerializer.Deserialize<CeremonyState>(stored);
        if (state is null || state.ExpiresAt <= time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            return null;
        }

        if (state.UserId != owner.UserId)
        {
            await PutBackAsync(key, owner, state, cancellationToken);
            return null;
        }

        return state;
    }

    /// <summary>A refused answer leaves the ceremony as it was, for its remaining lifetime.</summary>
    private async ValueTask PutBackAsync(string key, WebAuthnCeremonyOwner owner, CeremonyState state, CancellationToken cancellationToken)
    {
        var left = DateTimeOffset.FromUnixTimeMilliseconds(state.ExpiresAt) - time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            await pending.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(state), left, Owner(owner), cancellationToken);
        }
    }

    private static EphemeralOwner Owner(WebAuthnCeremonyOwner owner) =>
        new($"webauthn:{owner.Realm}:{owner.UserId}", 2 * owner.PendingPerUser);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(EventId = EventIds.WebAuthnKeyUnreadable, Level = LogLevel.Error, Message = "The public key of WebAuthn factor {FactorId} of {User} does not open with this gateway's keys for this user and credential: the row was changed or copied, or the key ring was replaced; the credential is refused")]
    private static partial void LogKeyUnreadable(ILogger logger, string user, string factorId);

    [LoggerMessage(EventId = EventIds.WebAuthnCounterRegression, Level = LogLevel.Warning, Message = "Signature counter of WebAuthn factor {FactorId} of {User} did not increase ({Stored} stored, {Presented} presented): the credential may be cloned; {Action}")]
    private static partial void LogCounterRegression(ILogger logger, string user, string factorId, uint stored, uint presented, CounterRegressionAction action);

    /// <param name="ExpiresAt">Unix milliseconds.</param>
    private sealed record CeremonyState(long UserId, long ExpiresAt, string Options);
}
