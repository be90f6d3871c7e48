using Microsoft.Playwright;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by scripts/test.sh) driven by Playwright, launched
/// once per test run and shared: each test takes a context of its own, so cookies and virtual
/// authenticators never cross tests. Never <c>playwright install</c>: it downloads a browser, and this
/// machine has no network for that.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly Lazy<Task<IBrowser>> Browser = new(LaunchAsync);

    /// <summary>A fresh context (its own cookies and storage) in the shared browser; dispose it after the test.</summary>
    public static async Task<IBrowserContext> NewContextAsync() => await (await Browser.Value).NewContextAsync();

    private static async Task<IBrowser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: the browser tests need Debian's chromium package. Run the suite through scripts/test.sh, which installs it, or apt-get install chromium.");
        }

        var playwright = await Playwright.CreateAsync();

        // --no-sandbox: the suite may run as root (CI does), where Chromium's sandbox refuses to start.
        // --disable-dev-shm-usage: a small /dev/shm (containers) would crash the renderer.
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }
}

/// <summary>The DevTools virtual authenticators (Chrome DevTools Protocol, WebAuthn domain) of one page.</summary>
public static class VirtualAuthenticators
{
    /// <summary>A platform authenticator that keeps passkeys and verifies the user (a phone or laptop's), and syncs them (BE and BS set).</summary>
    public static Task<string> AddPasskeyProviderAsync(ICDPSession devTools) =>
        AddAsync(devTools, new Dictionary<string, object>
        {
            ["protocol"] = "ctap2",
            ["transport"] = "internal",
            ["hasResidentKey"] = true,
            ["hasUserVerification"] = true,
            ["isUserVerified"] = true,
            ["defaultBackupEligibility"] = true,
            ["defaultBackupState"] = true,
        });

    /// <summary>A roaming U2F security key: no resident keys, no user verification.</summary>
    public static Task<string> AddSecurityKeyAsync(ICDPSession devTools) =>
        AddAsync(devTools, new Dictionary<string, object>
        {
            ["protocol"] = "u2f",
            ["transport"] = "usb",
        });

    private static async Task<string> AddAsync(ICDPSession devTools, Dictionary<string, object> options)
    {
        await devTools.SendAsync("WebAuthn.enable");
        var added = await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object> { ["options"] = options });
        return added!.Value.GetProperty("authenticatorId").GetString()!;
    }
}
