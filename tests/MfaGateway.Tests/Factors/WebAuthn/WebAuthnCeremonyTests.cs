using System.Text.Json.Nodes;
using Fido2NetLib.Objects;
using MfaGateway.Factors;
using MfaGateway.Factors.WebAuthn;
using MfaGateway.Storage;
using MfaGateway.Storage.InMemory;
using MfaGateway.Storage.Sqlite;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace MfaGateway.Tests.Factors.WebAuthn;

/// <summary>
/// The ceremonies against a software authenticator, on a real SQLite store: every refusal has its
/// code and leaves the ceremony as it was (the same options still pass afterwards), and nothing of
/// another user, origin, relying party or time is accepted.
/// </summary>
public sealed class WebAuthnCeremonyTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryEphemeralStore _pending;
    private readonly Settings _settings = new();
    private readonly WebAuthnCeremonies _ceremonies;
    private readonly SqliteWebAuthnCredentialStore _credentials;
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;

    public WebAuthnCeremonyTests()
    {
        _pending = new InMemoryEphemeralStore(_time);
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(_logs));
        _credentials = new SqliteWebAuthnCredentialStore(_database.Database);
        _ceremonies = new WebAuthnCeremonies(_settings, _credentials, _pending, new EphemeralDataProtectionProvider(), _time, _loggers.CreateLogger<WebAuthnCeremonies>());
    }

    public void Dispose()
    {
        _pending.Dispose();
        _loggers.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_registered_passkey_passes_an_assertion_and_its_counter_flags_and_model_are_stored()
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator { Synced = true };
        var registered = await RegisterAsync(alice, key);

        Assert.Equal(FactorTypesWebAuthn, (await _database.Factors.ListAsync(alice.UserId, default)).Single().Type);
        Assert.Equal("Passkey", (await _database.Factors.ListAsync(alice.UserId, default)).Single().Name);
        Assert.True(registered.BackupEligible);
        Assert.True(registered.BackedUp);
        Assert.Equal(key.Aaguid, registered.Aaguid);

        // Section 14.6.1: the user handle is random, not the user name.
        Assert.Equal(WebAuthnCeremonies.UserHandleBytes, key.UserHandle!.Length);
        Assert.NotEqual("alice"u8.ToArray(), key.UserHandle);

        var options = await AssertionOptionsAsync(alice);
        var result = await _ceremonies.CompleteAssertionAsync(alice, key.Assert(options), default);

        Assert.Equal(FactorRejection.None, result.Error);
        Assert.Equal(1u, (await _credentials.FindAsync(key.CredentialId, default))!.SignCount);
    }

    [Fact]
    public async Task The_ceremony_challenge_is_32_random_bytes_and_differs_each_time()
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(alice, key);

        var first = Challenge(await AssertionOptionsAsync(alice));
        var second = Challenge(await AssertionOptionsAsync(alice));

        Assert.Equal(WebAuthnCeremonies.ChallengeBytes, first.Length);
        Assert.NotEqual(first, second);
    }

    public static TheoryData<string, FactorRejection> Tampering => new()
    {
        { "origin", FactorRejection.WrongOrigin },
        { "rp-id", FactorRejection.WrongRelyingParty },
        { "challenge", FactorRejection.ChallengeMismatch },
        { "client-data", FactorRejection.BadSignature },
        { "authenticator-data", FactorRejection.BadSignature },
        { "signature", FactorRejection.BadSignature },
        { "user-handle", FactorRejection.Malformed },
        { "unknown-credential", FactorRejection.UnknownCredential },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_tampered_assertion_is_refused_with_its_code_and_the_ceremony_is_left_as_it_was(string what, FactorRejection expected)
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(alice, key);
        var options = await AssertionOptionsAsync(alice);

        var tamper = what switch
        {
            "origin" => new SoftwareAuthenticator.Tamper { Origin = "https://bank.example.evil.test" },
            "rp-id" => new SoftwareAuthenticator.Tamper { RpId = "evil.test" },
            "challenge" => new SoftwareAuthenticator.Tamper { Challenge = SoftwareAuthenticator.Base64Url(new byte[32]) },
            // Still well-formed and still right in every field the checks read ("crossOrigiN" is ignored), so only the signature can tell.
            "client-data" => new SoftwareAuthenticator.Tamper { AfterSigning = (_, clientData, _) => clientData[System.Text.Encoding.UTF8.GetString(clientData).IndexOf("crossOrigin", StringComparison.Ordinal) + 10] ^= 0x20 },
            "authenticator-data" => new SoftwareAuthenticator.Tamper { AfterSigning = (authData, _, _) => authData[^1] ^= 0x01 },
            "signature" => new SoftwareAuthenticator.Tamper { AfterSigning = (_, _, signature) => signature[^1] ^= 0x01 },
            "user-handle" => new SoftwareAuthenticator.Tamper { UserHandle = new byte[32] },
            _ => new SoftwareAuthenticator.Tamper { CredentialId = new byte[32] },
        };
        var refused = await _ceremonies.CompleteAssertionAsync(alice, key.Assert(options, tamper), default);

        Assert.Equal(expected, refused.Error);
        Assert.Equal(0u, (await _credentials.FindAsync(key.CredentialId, default))!.SignCount);
        await AssertStillPassesAsync(alice, key, options);
    }

    [Fact]
    public async Task A_replayed_assertion_is_refused_once_the_challenge_was_used()
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(alice, key);
        var answer = key.Assert(await AssertionOptionsAsync(alice));

        Assert.Equal(FactorRejection.None, (await _ceremonies.CompleteAssertionAsync(alice, answer, default)).Error);
        Assert.Equal(FactorRejection.NotStarted, (await _ceremonies.CompleteAssertionAsync(alice, answer, default)).Error);
    }

    [Fact]
    public async Task Two_parallel_answers_to_one_challenge_pass_exactly_once()
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(alice, key);
        var answer = key.Assert(await AssertionOptionsAsync(alice));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _ceremonies.CompleteAssertionAsync(alice, answer, default))));

        Assert.Single(results, r => r.Verified);
    }

    [Fact]
    public async Task An_expired_challenge_is_refused()
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(alice, key);
        var options = await AssertionOptionsAsync(alice);

        _time.Advance(_settings.Current.Timeout + TimeSpan.FromSeconds(1));

        Assert.Equal(FactorRejection.NotStarted, (await _ceremonies.CompleteAssertionAsync(alice, key.Assert(options), default)).Error);
    }

    [Fact]
    public async Task A_challenge_never_outlives_the_MFA_challenge_it_belongs_to()
    {
        var alice = await OwnerAsync("alice", challengeLifetime: TimeSpan.FromSeconds(40));
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(alice, key);
        var options = await AssertionOptionsAsync(alice);

        _time.Advance(TimeSpan.FromSeconds(41)); // within the 2 minute WebAuthn timeout, past the MFA challenge

        Assert.Equal(FactorRejection.NotStarted, (await _ceremonies.CompleteAssertionAsync(alice, key.Assert(options), default)).Error);
    }

    [Fact]
    public async Task Another_users_answer_to_this_challenge_is_refused_and_the_owner_can_still_answer()
    {
        var alice = await OwnerAsync("alice");
        var mallory = await OwnerAsync("mallory");
        using var aliceKey = new SoftwareAuthenticator();
        using var malloryKey = new SoftwareAuthenticator();
        await RegisterAsync(alice, aliceKey);
        await RegisterAsync(mallory, malloryKey);
        var options = await AssertionOptionsAsync(alice);

        // Mallory presents alice's challenge id as her own pending challenge.
        var stolen = mallory with { ChallengeId = alice.ChallengeId };
        Assert.Equal(FactorRejection.NotStarted, (await _ceremonies.CompleteAssertionAsync(stolen, malloryKey.Assert(options), default)).Error);

        await AssertStillPassesAsync(alice, aliceKey, options);
    }

    [Fact]
    public async Task An_answer_longer_than_any_browser_sends_is_not_read_and_the_ceremony_is_left_as_it_was()
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(alice, key);
        var options = await AssertionOptionsAsync(alice);
        var padded = key.Assert(options).Replace("\"clientExtensionResults\":{}", $"\"clientExtensionResults\":{{\"pad\":\"{new string('a', WebAuthnCeremonies.MaxResponseLength)}\"}}", StringComparison.Ordinal);

        Assert.Equal(FactorRejection.Malformed, (await _ceremonies.CompleteAssertionAsync(alice, padded, default)).Error);
        await AssertStillPassesAsync(alice, key, options);
    }

    [Fact]
    public async Task A_credential_of_another_user_is_unknown_to_this_one()
    {
        var alice = await OwnerAsync("alice");
        var mallory = await OwnerAsync("mallory");
        using var aliceKey = new SoftwareAuthenticator();
        using var malloryKey = new SoftwareAuthenticator();
        await RegisterAsync(alice, aliceKey);
        await RegisterAsync(mallory, malloryKey);
        var options = await AssertionOptionsAsync(alice);

        Assert.Equal(FactorRejection.UnknownCredential, (await _ceremonies.CompleteAssertionAsync(alice, malloryKey.Assert(options), default)).Error);
        await AssertStillPassesAsync(alice, aliceKey, options);
    }

    [Fact]
    public async Task A_credential_id_registered_to_another_user_is_refused()
    {
        var alice = await OwnerAsync("alice");
        var mallory = await OwnerAsync("mallory");
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(alice, key);

        var options = (await _ceremonies.BeginRegistrationAsync(mallory, null, default)).OptionsJson!;
        var refused = await _ceremonies.CompleteRegistrationAsync(mallory, key.Register(options), first: true, name: null, default);

        Assert.Equal(FactorRejection.CredentialTaken, refused.Error);
        Assert.Empty(await _database.Factors.ListAsync(mallory.UserId, default));
    }

    [Theory]
    [InlineData(5u, 5u)]
    [InlineData(5u, 3u)]
    [InlineData(5u, 0u)]
    public async Task A_counter_that_does_not_increase_is_refused_as_a_possible_clone(uint stored, uint presented)
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(alice, key);
        key.Counter = stored - 1;
        Assert.True((await _ceremonies.CompleteAssertionAsync(alice, key.Assert(await AssertionOptionsAsync(alice)), default)).Verified);

        var options = await AssertionOptionsAsync(alice);
        key.Counter = presented;
        var refused = await _ceremonies.CompleteAssertionAsync(alice, key.Assert(options, new SoftwareAuthenticator.Tamper { KeepCounter = true }), default);

        Assert.Equal(FactorRejection.CounterRegression, refused.Error);
        Assert.Equal(stored, (await _credentials.FindAsync(key.CredentialId, default))!.SignCount);
        key.Counter = stored;
        await AssertStillPassesAsync(alice, key, options);
    }

    [Fact]
    public async Task Authenticators_without_a_counter_pass_with_zero_every_time()
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(alice, key);

        foreach (var _ in Enumerable.Range(0, 2))
        {
            var answer = key.Assert(await AssertionOptionsAsync(alice), new SoftwareAuthenticator.Tamper { KeepCounter = true });
            Assert.True((await _ceremonies.CompleteAssertionAsync(alice, answer, default)).Verified);
        }
    }

    [Fact]
    public async Task Under_Flag_a_counter_regression_passes_and_marks_the_credential()
    {
        _settings.Current = _settings.Current with { CounterRegression = CounterRegressionAction.Flag };
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator { Counter = 9 };
        await RegisterAsync(alice, key);

        var result = await _ceremonies.CompleteAssertionAsync(alice, key.Assert(await AssertionOptionsAsync(alice), new SoftwareAuthenticator.Tamper { KeepCounter = true }), default);

        Assert.True(result.Verified);
        Assert.True(result.FlaggedAsClone);
        Assert.True((await _credentials.FindAsync(key.CredentialId, default))!.PossiblyCloned);
    }

    [Fact]
    public async Task Missing_user_verification_is_refused_where_a_policy_requires_it()
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(alice, key);
        key.Verifies = false;

        var options = (await _ceremonies.BeginAssertionAsync(alice, UserVerificationRequirement.Required, default)).OptionsJson!;
        Assert.Equal(FactorRejection.UserVerificationMissing, (await _ceremonies.CompleteAssertionAsync(alice, key.Assert(options), default)).Error);

        key.Verifies = true;
        await AssertStillPassesAsync(alice, key, options);
    }

    [Fact]
    public async Task Preferred_user_verification_accepts_a_key_without_it()
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator { Verifies = false };
        await RegisterAsync(alice, key);

        Assert.True((await _ceremonies.CompleteAssertionAsync(alice, key.Assert(await AssertionOptionsAsync(alice)), default)).Verified);
    }

    [Theory]
    [InlineData("origin", FactorRejection.WrongOrigin)]
    [InlineData("rp-id", FactorRejection.WrongRelyingParty)]
    [InlineData("challenge", FactorRejection.ChallengeMismatch)]
    [InlineData("uv", FactorRejection.UserVerificationMissing)]
    public async Task A_tampered_registration_is_refused_stores_nothing_and_can_be_retried(string what, FactorRejection expected)
    {
        _settings.Current = _settings.Current with { UserVerification = UserVerificationRequirement.Required };
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator { Verifies = what != "uv" };
        var options = (await _ceremonies.BeginRegistrationAsync(alice, null, default)).OptionsJson!;
        var tamper = what switch
        {
            "origin" => new SoftwareAuthenticator.Tamper { Origin = "https://evil.test" },
            "rp-id" => new SoftwareAuthenticator.Tamper { RpId = "evil.test" },
            "challenge" => new SoftwareAuthenticator.Tamper { Challenge = SoftwareAuthenticator.Base64Url(new byte[32]) },
            _ => null,
        };

        var refused = await _ceremonies.CompleteRegistrationAsync(alice, key.Register(options, tamper), first: true, name: null, default);

        Assert.Equal(expected, refused.Error);
        Assert.Empty(await _database.Factors.ListAsync(alice.UserId, default));
        key.Verifies = true;
        Assert.Equal(FactorRejection.None, (await _ceremonies.CompleteRegistrationAsync(alice, key.Register(options), first: true, name: null, default)).Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("{\"id\":\"x\",\"rawId\":\"!!\",\"type\":\"public-key\",\"response\":{}}")]
    [InlineData("{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"public-key\",\"response\":{\"authenticatorData\":\"AA\",\"clientDataJSON\":\"AA\",\"signature\":\"AA\"}}")]
    public async Task Garbage_is_refused_as_malformed_and_changes_nothing(string garbage)
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(alice, key);
        var options = await AssertionOptionsAsync(alice);

        var refused = await _ceremonies.CompleteAssertionAsync(alice, garbage, default);

        Assert.Contains(refused.Error, new[] { FactorRejection.Malformed, FactorRejection.UnknownCredential });
        await AssertStillPassesAsync(alice, key, options);
    }

    [Fact]
    public async Task A_first_enrolment_is_refused_when_the_user_already_has_a_factor()
    {
        var alice = await OwnerAsync("alice");
        using var first = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();
        await RegisterAsync(alice, first);

        var options = (await _ceremonies.BeginRegistrationAsync(alice, null, default)).OptionsJson!;
        Assert.Contains(SoftwareAuthenticator.Base64Url(first.CredentialId), JsonNode.Parse(options)!["excludeCredentials"]!.ToJsonString(), StringComparison.Ordinal);
        var refused = await _ceremonies.CompleteRegistrationAsync(alice, second.Register(options), first: true, name: null, default);

        Assert.Equal(FactorRejection.AlreadyEnrolled, refused.Error);
        Assert.Single(await _database.Factors.ListAsync(alice.UserId, default));
        Assert.Equal(first.UserHandle, second.UserHandle); // one handle per user
    }

    [Fact]
    public async Task With_an_AAGUID_allow_list_a_model_without_an_attestation_statement_is_refused_even_if_listed()
    {
        using var key = new SoftwareAuthenticator();
        _settings.Current = _settings.Current with { Attestation = AttestationConveyancePreference.Direct, AllowedAaguids = new HashSet<Guid> { key.Aaguid } };
        var alice = await OwnerAsync("alice");
        var options = (await _ceremonies.BeginRegistrationAsync(alice, null, default)).OptionsJson!;
        Assert.Equal("direct", JsonNode.Parse(options)!["attestation"]!.GetValue<string>());

        // "none" attestation: the AAGUID is the authenticator's unproven word.
        var refused = await _ceremonies.CompleteRegistrationAsync(alice, key.Register(options), first: true, name: null, default);

        Assert.Equal(FactorRejection.AuthenticatorNotAllowed, refused.Error);
        Assert.Empty(await _database.Factors.ListAsync(alice.UserId, default));
    }

    [Fact]
    public async Task A_removed_factor_takes_its_credential_with_it_and_an_answer_in_flight_is_refused()
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator();
        var credential = await RegisterAsync(alice, key);
        using var spare = new SoftwareAuthenticator();
        var spareOptions = (await _ceremonies.BeginRegistrationAsync(alice, null, default)).OptionsJson!;
        Assert.Equal(FactorRejection.None, (await _ceremonies.CompleteRegistrationAsync(alice, spare.Register(spareOptions), first: false, name: "Spare key", default)).Error);
        var options = await AssertionOptionsAsync(alice);

        Assert.True(await _database.Factors.RemoveAsync(alice.UserId, credential.FactorId, default));

        Assert.Null(await _credentials.FindAsync(key.CredentialId, default));
        Assert.Equal(FactorRejection.UnknownCredential, (await _ceremonies.CompleteAssertionAsync(alice, key.Assert(options), default)).Error);
        Assert.Equal("Spare key", Assert.Single(await _database.Factors.ListAsync(alice.UserId, default)).Name);
    }

    [Fact]
    public async Task Transports_are_offered_back_as_reported_and_left_out_when_none_were()
    {
        var alice = await OwnerAsync("alice");
        using var usb = new SoftwareAuthenticator { Transports = ["usb", "nfc"] };
        using var silent = new SoftwareAuthenticator { Transports = [] };
        await RegisterAsync(alice, usb);
        var options = (await _ceremonies.BeginRegistrationAsync(alice, null, default)).OptionsJson!;
        Assert.Equal(FactorRejection.None, (await _ceremonies.CompleteRegistrationAsync(alice, silent.Register(options), first: false, name: null, default)).Error);

        var allowed = JsonNode.Parse(await AssertionOptionsAsync(alice))!["allowCredentials"]!.AsArray();

        var listed = allowed.Single(c => c!["id"]!.GetValue<string>() == SoftwareAuthenticator.Base64Url(usb.CredentialId))!;
        Assert.Equal(["usb", "nfc"], listed["transports"]!.AsArray().Select(t => t!.GetValue<string>()));
        var bare = allowed.Single(c => c!["id"]!.GetValue<string>() == SoftwareAuthenticator.Base64Url(silent.CredentialId))!.AsObject();
        Assert.False(bare.TryGetPropertyValue("transports", out var transports) && transports is null, "a null transports member makes the browser throw");
    }

    [Fact]
    public async Task A_sealed_key_copied_onto_another_users_credential_does_not_open_and_is_logged()
    {
        var alice = await OwnerAsync("alice");
        var mallory = await OwnerAsync("mallory");
        using var aliceKey = new SoftwareAuthenticator();
        using var malloryKey = new SoftwareAuthenticator();
        await RegisterAsync(alice, aliceKey);
        await RegisterAsync(mallory, malloryKey);

        // Someone with write access to the database puts mallory's sealed key on alice's credential.
        await using (var connection = _database.Database.Open())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE webauthn_credentials SET public_key = (SELECT public_key FROM webauthn_credentials WHERE credential_id = $mallory) WHERE credential_id = $alice;";
            command.Parameters.AddWithValue("$mallory", malloryKey.CredentialId);
            command.Parameters.AddWithValue("$alice", aliceKey.CredentialId);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var refused = await _ceremonies.CompleteAssertionAsync(alice, aliceKey.Assert(await AssertionOptionsAsync(alice)), default);

        Assert.Equal(FactorRejection.UnknownCredential, refused.Error);
        Assert.Contains(_logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("does not open", StringComparison.Ordinal) && l.Message.Contains("alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_counter_regression_is_logged_as_a_possible_clone()
    {
        var alice = await OwnerAsync("alice");
        using var key = new SoftwareAuthenticator { Counter = 4 };
        await RegisterAsync(alice, key);

        await _ceremonies.CompleteAssertionAsync(alice, key.Assert(await AssertionOptionsAsync(alice), new SoftwareAuthenticator.Tamper { KeepCounter = true }), default);

        Assert.Contains(_logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("may be cloned", StringComparison.Ordinal) && l.Message.Contains("Refuse", StringComparison.Ordinal));
    }

    private const string FactorTypesWebAuthn = MfaGateway.Factors.FactorTypes.WebAuthn;

    private async Task<WebAuthnCeremonyOwner> OwnerAsync(string name, TimeSpan? challengeLifetime = null)
    {
        var user = await _database.Users.GetOrCreateAsync("default", name, _time.GetUtcNow(), default);
        return new WebAuthnCeremonyOwner(Guid.NewGuid().ToString("N"), "default", user.Id, name, _time.GetUtcNow() + (challengeLifetime ?? TimeSpan.FromMinutes(5)), 5);
    }

    private async Task<WebAuthnCredential> RegisterAsync(WebAuthnCeremonyOwner owner, SoftwareAuthenticator key)
    {
        var begun = await _ceremonies.BeginRegistrationAsync(owner, null, default);
        Assert.Equal(FactorRejection.None, begun.Error);
        var result = await _ceremonies.CompleteRegistrationAsync(owner, key.Register(begun.OptionsJson!), first: true, name: null, default);
        Assert.Equal(FactorRejection.None, result.Error);
        return result.Credential!;
    }

    private async Task<string> AssertionOptionsAsync(WebAuthnCeremonyOwner owner)
    {
        var begun = await _ceremonies.BeginAssertionAsync(owner, null, default);
        Assert.Equal(FactorRejection.None, begun.Error);
        return begun.OptionsJson!;
    }

    private async Task AssertStillPassesAsync(WebAuthnCeremonyOwner owner, SoftwareAuthenticator key, string options)
    {
        var result = await _ceremonies.CompleteAssertionAsync(owner, key.Assert(options), default);
        Assert.Equal(FactorRejection.None, result.Error);
    }

    private static byte[] Challenge(string options) => SoftwareAuthenticator.Base64Url(JsonNode.Parse(options)!["challenge"]!.GetValue<string>());

    private sealed class Settings : IWebAuthnSettingsSource
    {
        public WebAuthnSettings Current { get; set; } = new(
            "bank.example",
            "Demo Bank",
            new HashSet<string> { "https://bank.example" },
            UserVerificationRequirement.Preferred,
            AttestationConveyancePreference.None,
            new HashSet<Guid>(),
            ResidentKeyRequirement.Preferred,
            TimeSpan.FromMinutes(2),
            CounterRegressionAction.Refuse);

        WebAuthnSettings? IWebAuthnSettingsSource.Current => Current;
    }
}
