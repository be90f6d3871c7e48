using Fido2NetLib.Objects;
using MfaGateway.Factors;
using MfaGateway.Factors.WebAuthn;
using MfaGateway.Storage.InMemory;
using MfaGateway.Storage.Sqlite;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace MfaGateway.Tests.Factors.WebAuthn;

/// <summary>
/// The ceremonies against a real browser: Debian's Chromium with the DevTools virtual authenticators
/// answers the options the gateway issues (PublicKeyCredential.parseCreationOptionsFromJSON / toJSON()),
/// and the gateway verifies what it posts. A passkey provider (ctap2, resident keys, user verification)
/// and a U2F security key each register and then sign in.
/// </summary>
public sealed class WebAuthnBrowserCeremonyTests : IAsyncLifetime
{
    private const string Script = """
        "use strict";
        window.register = async (options) => {
          const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(JSON.parse(options)) });
          return JSON.stringify(credential.toJSON());
        };
        window.authenticate = async (options) => {
          const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(JSON.parse(options)) });
          return JSON.stringify(credential.toJSON());
        };
        """;

    private readonly TemporaryDatabase _database = new();
    private readonly InMemoryEphemeralStore _pending = new(TimeProvider.System);
    private WebApplication? _site;
    private IBrowserContext? _context;
    private WebAuthnCeremonies _ceremonies = null!;
    private SqliteWebAuthnCredentialStore _credentials = null!;
    private string _origin = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _site = builder.Build();
        _site.MapGet("/", () => Results.Content("<!doctype html><html lang=\"en\"><title>ceremony</title><script src=\"/ceremony.js\"></script></html>", "text/html"));
        _site.MapGet("/ceremony.js", () => Results.Content(Script, "text/javascript"));
        await _site.StartAsync();

        // WebAuthn needs a secure context: http is one only on localhost, which is also the relying party.
        _origin = $"http://localhost:{new Uri(_site.Urls.Single()).Port}";
        var settings = new FixedSettings(new WebAuthnSettings(
            "localhost", "Demo Bank", new HashSet<string> { _origin }, UserVerificationRequirement.Preferred, AttestationConveyancePreference.None,
            new HashSet<Guid>(), ResidentKeyRequirement.Preferred, TimeSpan.FromMinutes(2), CounterRegressionAction.Refuse));
        _credentials = new SqliteWebAuthnCredentialStore(_database.Database);
        _ceremonies = new WebAuthnCeremonies(settings, _credentials, _pending, new EphemeralDataProtectionProvider(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<WebAuthnCeremonies>.Instance);
        _context = await Chromium.NewContextAsync();
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        if (_site is not null)
        {
            await _site.DisposeAsync();
        }

        _pending.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_passkey_made_in_Chromium_registers_and_then_signs_in_with_user_verification()
    {
        var page = await OpenAsync();
        await VirtualAuthenticators.AddPasskeyProviderAsync(await _context!.NewCDPSessionAsync(page));
        var alice = await OwnerAsync("alice");

        var registered = await RegisterAsync(page, alice);
        Assert.Equal(["internal"], registered.Transports.Select(t => t.ToString().ToLowerInvariant()));

        var options = (await _ceremonies.BeginAssertionAsync(alice, UserVerificationRequirement.Required, default)).OptionsJson!;
        var answer = await page.EvaluateAsync<string>("options => window.authenticate(options)", options);
        var result = await _ceremonies.CompleteAssertionAsync(alice, answer, default);

        Assert.Equal(FactorRejection.None, result.Error);
        Assert.Equal(registered.CredentialId, result.Credential!.CredentialId);
    }

    [Fact]
    public async Task A_U2F_security_key_registers_and_signs_in_and_its_counter_moves_on()
    {
        var page = await OpenAsync();
        await VirtualAuthenticators.AddSecurityKeyAsync(await _context!.NewCDPSessionAsync(page));
        var bob = await OwnerAsync("bob");
        await RegisterAsync(page, bob);

        foreach (var _ in Enumerable.Range(0, 2))
        {
            var options = (await _ceremonies.BeginAssertionAsync(bob, null, default)).OptionsJson!;
            var answer = await page.EvaluateAsync<string>("options => window.authenticate(options)", options);
            Assert.Equal(FactorRejection.None, (await _ceremonies.CompleteAssertionAsync(bob, answer, default)).Error);
        }

        var stored = Assert.Single(await _credentials.ListAsync(bob.UserId, default));
        Assert.True(stored.SignCount > 0, "a U2F key counts its signatures");
        Assert.False(stored.BackupEligible);
    }

    private async Task<IPage> OpenAsync()
    {
        var page = await _context!.NewPageAsync();
        await page.GotoAsync(_origin + "/");
        return page;
    }

    private async Task<WebAuthnCeremonyOwner> OwnerAsync(string name)
    {
        var user = await _database.Users.GetOrCreateAsync("default", name, DateTimeOffset.UtcNow, default);
        return new WebAuthnCeremonyOwner(Guid.NewGuid().ToString("N"), "default", user.Id, name, DateTimeOffset.UtcNow.AddMinutes(5), 5);
    }

    private async Task<MfaGateway.Storage.WebAuthnCredential> RegisterAsync(IPage page, WebAuthnCeremonyOwner owner)
    {
        var begun = await _ceremonies.BeginRegistrationAsync(owner, null, default);
        Assert.Equal(FactorRejection.None, begun.Error);
        var answer = await page.EvaluateAsync<string>("options => window.register(options)", begun.OptionsJson);
        var result = await _ceremonies.CompleteRegistrationAsync(owner, answer, first: true, name: null, default);
        Assert.True(result.Error == FactorRejection.None, $"registration refused: {result.Error}; the browser sent {answer}");
        return result.Credential!;
    }

    private sealed class FixedSettings(WebAuthnSettings settings) : IWebAuthnSettingsSource
    {
        public WebAuthnSettings? Current => settings;
    }
}
