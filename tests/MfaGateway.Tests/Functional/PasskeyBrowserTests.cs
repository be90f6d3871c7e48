using System.Text.Json.Nodes;
using MfaGateway.Storage;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MfaGateway.Tests.Functional;

/// <summary>
/// Passkeys end to end in Debian's Chromium, through the gateway's hosted pages in front of the demo
/// bank: the DevTools virtual authenticators answer the browser as a phone's passkey provider or a
/// USB security key would. The pages' screenshots are written to docs/screenshots when
/// UPDATE_SCREENSHOTS=1, which is how the committed ones were made.
/// </summary>
public sealed class PasskeyBrowserTests : IAsyncLifetime
{
    private GatewayTestHost _host = null!;
    private IBrowserContext _context = null!;
    private string _origin = "";

    public async Task InitializeAsync()
    {
        _host = await GatewayTestHost.StartAsync((config, _) =>
        {
            WebAuthnFlows.Enable(config, stepUpUserVerification: "Required");
            config["Gateway"]!["Policies"]!["sensitive"]!["TrustedDevices"] = new JsonObject { ["Enabled"] = false };
        });

        // WebAuthn needs a secure context: plain http is one only on localhost, the relying party here.
        _origin = $"http://localhost:{_host.BaseAddress.Port}";
        var reload = await _host.RewriteConfigAsync(config =>
        {
            config["Gateway"]!["WebAuthn"] = new JsonObject { ["RelyingPartyId"] = "localhost", ["RelyingPartyName"] = "Acme Legacy Bank", ["Origins"] = new JsonArray(_origin) };
        });
        Assert.True(reload.Accepted, string.Join("\n", reload.Errors));
        _context = await Chromium.NewContextAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_passkey_registered_on_the_enrolment_page_signs_in_after_sign_out_and_passes_the_step_up_for_a_transfer()
    {
        var page = await _context.NewPageAsync();
        var devTools = await _context.NewCDPSessionAsync(page);
        var provider = await VirtualAuthenticators.AddPasskeyProviderAsync(devTools);

        // The password, then the enrolment page, which offers a passkey beside an authenticator app.
        await SignInWithPasswordAsync(page);
        await page.WaitForURLAsync("**/.mfa/enrol");
        await page.GetByRole(AriaRole.Link, new() { Name = "Use a passkey or security key instead" }).ClickAsync();
        await page.GetByLabel("Name it (optional)").FillAsync("Alice's laptop");
        await ScreenshotAsync(page, "webauthn-enrol");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create passkey" }).ClickAsync();

        // Passed: the recovery codes are shown once, then the bank.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Save your recovery codes" }).WaitForAsync();
        await ScreenshotAsync(page, "webauthn-enrolled");
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(_origin + "/");
        var factor = Assert.Single(await FactorsAsync());
        Assert.Equal(("webauthn", "Alice's laptop"), (factor.Type, factor.Name));

        // The security page lists it as a synced passkey.
        await page.GotoAsync(_origin + "/.mfa/security?app=bank");
        await page.GetByText("Alice's laptop").First.WaitForAsync();
        Assert.True(await page.GetByText("Synced").First.IsVisibleAsync());
        await ScreenshotAsync(page, "webauthn-security-page");

        // Adding another needs a proof now: the passkey itself confirms it. Then the same authenticator
        // holds a credential of the excluded list, and says so.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey or security key" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it's you" }).WaitForAsync();
        await ScreenshotAsync(page, "webauthn-confirm-change");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use passkey or security key" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create passkey" }).ClickAsync();
        var duplicate = page.Locator("[data-webauthn-error]");
        await duplicate.WaitForAsync();
        Assert.Equal("This passkey or security key is already registered. Use a different one, or sign in with it.", await duplicate.TextContentAsync());
        await ScreenshotAsync(page, "webauthn-already-registered");
        Assert.Single(await FactorsAsync());
        await page.GotoAsync(_origin + "/");

        // Signed out and in again: the challenge page asks for the passkey.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // The bank's sign-out ends on its login page; going there sooner could cut the sign-out short.
        await page.WaitForURLAsync("**/login**");
        await SignInWithPasswordAsync(page);
        await page.WaitForURLAsync("**/.mfa/challenge");
        var usePasskey = page.GetByRole(AriaRole.Button, new() { Name = "Use passkey or security key" });
        await usePasskey.WaitForAsync();
        await ScreenshotAsync(page, "webauthn-challenge");
        await usePasskey.ClickAsync();
        await page.WaitForURLAsync(_origin + "/");

        // Six minutes later a transfer needs a fresh passkey (with user verification), then goes through.
        _host.Time.Advance(TimeSpan.FromMinutes(6));
        await page.GotoAsync(_origin + "/transfer");
        await page.GetByLabel("Amount").FillAsync("12.50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Transfer" }).ClickAsync();
        await page.WaitForURLAsync("**/.mfa/challenge");
        await page.GetByText("Confirm it's you to continue").WaitForAsync();
        await ScreenshotAsync(page, "webauthn-step-up");

        // The fingerprint is not recognised: the browser refuses, the page says so, and the same page can try again.
        await devTools.SendAsync("WebAuthn.setUserVerified", new Dictionary<string, object> { ["authenticatorId"] = provider, ["isUserVerified"] = false });
        await page.GetByRole(AriaRole.Button, new() { Name = "Use passkey or security key" }).ClickAsync();
        var error = page.Locator("[data-webauthn-error]");
        await error.WaitForAsync();
        Assert.Equal("The request was cancelled or not allowed. Try again, or use another way to verify.", await error.TextContentAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Lost your device? Use a recovery code" }).IsVisibleAsync());
        await ScreenshotAsync(page, "webauthn-cancelled");

        await devTools.SendAsync("WebAuthn.setUserVerified", new Dictionary<string, object> { ["authenticatorId"] = provider, ["isUserVerified"] = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Use passkey or security key" }).ClickAsync();
        await page.GetByText("Transferred 12.50").WaitForAsync();
    }

    [Fact]
    public async Task A_U2F_security_key_enrols_on_the_enrolment_page_and_signs_in_with_its_counter_moving_on()
    {
        var page = await _context.NewPageAsync();
        await VirtualAuthenticators.AddSecurityKeyAsync(await _context.NewCDPSessionAsync(page));

        await SignInWithPasswordAsync(page);
        await page.WaitForURLAsync("**/.mfa/enrol");
        await page.GotoAsync(_origin + "/.mfa/enrol?method=webauthn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create passkey" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(_origin + "/");
        Assert.Equal("Security key", Assert.Single(await FactorsAsync()).Name);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // The bank's sign-out ends on its login page; going there sooner could cut the sign-out short.
        await page.WaitForURLAsync("**/login**");
        await SignInWithPasswordAsync(page);
        await page.WaitForURLAsync("**/.mfa/challenge");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use passkey or security key" }).ClickAsync();
        await page.WaitForURLAsync(_origin + "/");

        var user = await _host.Services.GetRequiredService<IUserStore>().FindAsync("bank", DemoUsers.Alice.Name, default);
        var credential = Assert.Single(await _host.Services.GetRequiredService<IWebAuthnCredentialStore>().ListAsync(user!.Id, default));
        Assert.False(credential.BackupEligible);
        Assert.True(credential.SignCount > 0, "a U2F key counts its signatures");
    }

    private async Task SignInWithPasswordAsync(IPage page)
    {
        await page.GotoAsync(_origin + "/login");
        await page.GetByLabel("Username").FillAsync(DemoUsers.Alice.Name);
        await page.GetByLabel("Password").FillAsync(DemoUsers.Alice.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private async Task<IReadOnlyList<FactorRecord>> FactorsAsync()
    {
        var user = await _host.Services.GetRequiredService<IUserStore>().FindAsync("bank", DemoUsers.Alice.Name, default);
        return await _host.Services.GetRequiredService<IFactorStore>().ListAsync(user!.Id, default);
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot.Path, "docs", "screenshots", name + ".png"), FullPage = true });
        }
    }
}
