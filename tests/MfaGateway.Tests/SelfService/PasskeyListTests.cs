using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MfaGateway.Pages;
using MfaGateway.Storage;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.SelfService;

/// <summary>The user's passkeys and security keys among their factors, told apart by the BE and BS flags, on the page and in its API.</summary>
public sealed class PasskeyListTests
{
    [Fact]
    public async Task The_page_names_each_kind_its_sync_state_its_dates_and_warns_of_a_possible_clone()
    {
        await using var host = await PasskeyFlows.StartHostAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var at = host.Time.GetUtcNow();
        await StoreAsync(host, "Phone", backupEligible: true, backedUp: true, cloned: false, at, lastUsed: at.AddMinutes(1));
        await StoreAsync(host, "Laptop", backupEligible: true, backedUp: false, cloned: false, at, lastUsed: null);
        await StoreAsync(host, "Blue key", backupEligible: false, backedUp: false, cloned: true, at, lastUsed: null);

        var (_, html) = await SecurityFlows.OpenAsync(browser);

        Assert.Contains("Authenticator apps, passkeys and security keys", html);
        var phone = Item(html, "Phone");
        Assert.Contains("Passkey · added", phone);
        Assert.Contains($"last used <time datetime=\"{SecurityModel.Iso(at.AddMinutes(1))}\">", phone);
        Assert.Contains("· Synced", phone);
        Assert.DoesNotContain("may have been copied", phone);
        var laptop = Item(html, "Laptop");
        Assert.Contains("Passkey · added", laptop);
        Assert.Contains("never used", laptop);
        Assert.Contains("· Can be synced", laptop);
        var blueKey = Item(html, "Blue key");
        Assert.Contains("Security key · added", blueKey);
        Assert.Contains("· This device only", blueKey);
        Assert.Contains("This security key may have been copied", blueKey);
    }

    [Fact]
    public async Task The_api_gives_each_passkey_its_kind_flags_sync_state_and_clone_warning()
    {
        await using var host = await PasskeyFlows.StartHostAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        var at = host.Time.GetUtcNow();
        await StoreAsync(host, "Phone", backupEligible: true, backedUp: true, cloned: false, at, lastUsed: at);
        await StoreAsync(host, "Laptop", backupEligible: true, backedUp: false, cloned: false, at, lastUsed: null);
        await StoreAsync(host, "Blue key", backupEligible: false, backedUp: false, cloned: true, at, lastUsed: null);

        var status = await SecurityFlows.JsonOf(await SecurityFlows.GetJsonAsync(browser));

        Assert.True(status.GetProperty("passkeys_offered").GetBoolean());
        var factors = status.GetProperty("factors").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.False(factors["Authenticator app"].TryGetProperty("webauthn", out _));
        var expected = new Dictionary<string, (string Kind, bool BackupEligible, bool BackedUp, string Sync, bool Cloned)>
        {
            ["Phone"] = ("passkey", true, true, "synced", false),
            ["Laptop"] = ("passkey", true, false, "can_be_synced", false),
            ["Blue key"] = ("security_key", false, false, "device_only", true),
        };
        foreach (var (name, want) in expected)
        {
            var factor = factors[name];
            var webauthn = factor.GetProperty("webauthn");
            Assert.Equal("webauthn", factor.GetProperty("type").GetString());
            Assert.Equal(at, factor.GetProperty("created_at").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
            Assert.Equal(want, (
                webauthn.GetProperty("kind").GetString()!,
                webauthn.GetProperty("backup_eligible").GetBoolean(),
                webauthn.GetProperty("backed_up").GetBoolean(),
                webauthn.GetProperty("sync").GetString()!,
                webauthn.GetProperty("possibly_cloned").GetBoolean()));
        }

        Assert.Equal(at, factors["Phone"].GetProperty("last_used_at").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
    }

    /// <summary>A credential stored as a registration would store it, with the flags the test needs (the key itself is never read here).</summary>
    internal static async Task<string> StoreAsync(GatewayTestHost host, string name, bool backupEligible, bool backedUp, bool cloned, DateTimeOffset at, DateTimeOffset? lastUsed)
    {
        var user = await SecurityFlows.UserAsync(host, "alice");
        var factorId = Guid.CreateVersion7(at).ToString("N");
        var factor = new FactorRecord(factorId, user.Id, "webauthn", name, [], "{}", null, at, lastUsed);
        var credential = new WebAuthnCredential(
            RandomNumberGenerator.GetBytes(32), factorId, user.Id, RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(64),
            SignCount: 7, Guid.Parse("6028b017-b1d4-4c02-b4b3-afcdafc96bb2"), [], backupEligible, backedUp, "none", cloned, at);
        var result = await host.Services.GetRequiredService<IWebAuthnCredentialStore>().AddAsync(factor, credential, first: false, default);
        Assert.Equal(CredentialAddResult.Added, result);
        return factorId;
    }

    /// <summary>The page's list item that shows the factor named <paramref name="name"/>.</summary>
    private static string Item(string html, string name)
    {
        var title = Regex.Match(html, $"<h3 class=\"security-item-title\">\\s*{Regex.Escape(name)}\\s*<");
        Assert.True(title.Success, $"no factor named {name} on the page");
        return html[title.Index..html.IndexOf("</li>", title.Index, StringComparison.Ordinal)];
    }
}
