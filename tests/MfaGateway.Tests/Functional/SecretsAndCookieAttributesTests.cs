using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace MfaGateway.Tests.Functional;

public sealed class SecretsAndCookieAttributesTests
{
    [Fact]
    public async Task Totp_secrets_are_stored_encrypted_never_in_plain_form()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        SqliteConnection.ClearAllPools(); // let SQLite fold the WAL back so both files can be read whole

        var stored = await ReadDatabaseFilesAsync(host.DatabasePath);

        Assert.Equal(-1, stored.AsSpan().IndexOf(secret));
        var base32 = Encoding.ASCII.GetBytes(TotpSecrets.Encode(secret));
        Assert.Equal(-1, stored.AsSpan().IndexOf(base32));
        Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.ASCII.GetBytes(TotpSecrets.Encode(secret).ToLowerInvariant())));

        // ... and the factor row exists, holding a Data Protection payload instead.
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT length(secret) FROM factors";
        var length = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(length > secret.Length + 32, $"stored secret is only {length} bytes");
    }

    [Fact]
    public async Task Over_https_the_session_and_challenge_cookies_are_host_prefixed_and_secure()
    {
        // The gateway is reached over HTTPS through a TLS-terminating proxy on loopback.
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["TrustedProxies"] = new JsonArray("127.0.0.1/32"));
        using var browser = host.NewBrowser();
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        var challengeCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-mfa-challenge=", challengeCookie, StringComparison.Ordinal);
        AssertSecureHostCookie(challengeCookie);

        // Finish through the API (the test client does not send Secure cookies back over plain HTTP).
        using var api = host.NewBrowser();
        api.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var required = JsonDocument.Parse(await (await ApiFlows.SubmitLoginAsApiAsync(api, DemoUsers.Alice)).Content.ReadAsStringAsync()).RootElement;
        var token = required.GetProperty("mfa_token").GetString();
        var enrolment = await (await api.Http.PostAsJsonAsync("/.mfa/api/enrol/totp", new { mfa_token = token })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = TotpSecrets.Decode(enrolment.GetProperty("secret").GetString()!);
        var verified = await api.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var session = Assert.Single(verified.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-mfa-session-bank=", StringComparison.Ordinal));
        AssertSecureHostCookie(session);
    }

    [Fact]
    public async Task Over_plain_http_the_cookies_are_http_only_and_same_site_lax()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var login = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);
        var (_, html) = await browser.FollowAsync(login);
        var secret = TotpSecrets.Decode(HtmlPage.TextOf(html, "secret")!);
        var verified = await browser.SubmitAsync("/.mfa/enrol", html, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));

        var session = Assert.Single(verified.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mfa-session-bank=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertSecureHostCookie(string setCookie)
    {
        // __Host- cookies must be Secure, Path=/ and carry no Domain (RFC 6265bis 4.1.3.2).
        Assert.Contains("; secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/;", setCookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<byte[]> ReadDatabaseFilesAsync(string databasePath)
    {
        var bytes = new List<byte>();
        foreach (var path in new[] { databasePath, databasePath + "-wal" }.Where(File.Exists))
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy);
            bytes.AddRange(copy.ToArray());
        }

        return [.. bytes];
    }
}
