using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Storage;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Functional;

/// <summary>
/// Every way of writing a configured path that an app may read as that path, sent as written to the
/// gateway in front of an app that reads paths loosely (<see cref="LenientPathApp"/>): the gateway
/// must treat each like the path itself, for login, logout, password change, API paths, step-up
/// rules and Deny. Paths an app could read two ways (an encoded slash) get the careful answer.
/// </summary>
public sealed class PathVariantTests
{
    private const string GatewaySession = "mfa-session-bank";

    private static readonly KeyValuePair<string, string>[] Credentials = [new("username", "alice"), new("password", "any")];

    /// <summary>What Kestrel passes on (or tidies into the path itself) and an app reads as <paramref name="path"/>.</summary>
    public static IEnumerable<string> Variants(string path) =>
    [
        path + "/",
        path.ToUpperInvariant(),
        path.ToUpperInvariant() + "/",
        path + "/.",
        path + "/./",
        "/" + path,
        path.Replace("/", "//", StringComparison.Ordinal) + "//",
        path + ";x=1",
        path + ";jsessionid=ABC123/",
        "/;x" + path,
        "/." + path,
        "/a/.." + path,
        "/a/..;x" + path,
        path + "/a/..",
    ];

    /// <summary>Paths an app that decodes "%2F" reads as <paramref name="path"/>, and one that does not reads otherwise.</summary>
    public static IEnumerable<string> EncodedSlashVariants(string path) =>
    [
        "/%2F" + path[1..],
        path + "%2F",
        "/a/..%2F" + path[1..],
    ];

    [Fact]
    public async Task Every_way_of_writing_the_login_path_is_intercepted()
    {
        await using var app = await LenientPathApp.StartAsync();
        await using var host = await StartAsync(app);
        var failures = new List<string>();

        foreach (var variant in Variants("/login"))
        {
            using var browser = host.NewBrowser();
            var response = await RawPath.PostFormAsync(browser, variant, Credentials);
            var location = response.Headers.Location?.OriginalString;
            if (browser.Cookie(LenientPathApp.SessionCookie) is not null || response.StatusCode != HttpStatusCode.SeeOther || location != "/.mfa/challenge")
            {
                failures.Add($"{variant}: {(int)response.StatusCode} {location}, app session {(browser.Cookie(LenientPathApp.SessionCookie) is null ? "withheld" : "RETURNED")}");
            }
        }

        foreach (var variant in EncodedSlashVariants("/login"))
        {
            // Refused before the app sees it: reading it either way, nothing signs in.
            using var browser = host.NewBrowser();
            var response = await RawPath.PostFormAsync(browser, variant, Credentials);
            if (browser.Cookie(LenientPathApp.SessionCookie) is not null || response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"{variant}: {(int)response.StatusCode}, app session {(browser.Cookie(LenientPathApp.SessionCookie) is null ? "withheld" : "RETURNED")}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_way_of_writing_the_logout_path_ends_the_gateway_session()
    {
        await using var app = await LenientPathApp.StartAsync();
        await using var host = await StartAsync(app);
        byte[] secret;
        using (var first = host.NewBrowser())
        {
            secret = await BankFlows.SignInAndEnrolAsync(host, first, DemoUsers.Alice);
        }

        var failures = new List<string>();
        foreach (var variant in Variants("/logout"))
        {
            using var browser = await SignedInAsync(host, secret);
            var response = await RawPath.GetAsync(browser, variant);
            if (browser.Cookie(GatewaySession) is not null)
            {
                failures.Add($"{variant}: {(int)response.StatusCode}, gateway session still there");
            }
        }

        foreach (var variant in EncodedSlashVariants("/logout"))
        {
            using var browser = await SignedInAsync(host, secret);
            var response = await RawPath.GetAsync(browser, variant);
            if (response.StatusCode != HttpStatusCode.BadRequest || browser.Cookie(GatewaySession) is null)
            {
                failures.Add($"{variant}: {(int)response.StatusCode}; a refused request must change nothing");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_way_of_writing_the_password_change_path_records_the_change()
    {
        await using var app = await LenientPathApp.StartAsync();
        await using var host = await StartAsync(app, gateway => gateway["Apps"]!["bank"]!["PasswordChange"] = new JsonObject
        {
            ["Path"] = "/account/password",
            ["SuccessStatus"] = new JsonArray(302),
        });
        using var browser = host.NewBrowser();
        await browser.GetPageAsync((await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice)).ContinueUrl);
        var users = host.Services.GetRequiredService<IUserStore>();

        var failures = new List<string>();
        foreach (var variant in Variants("/account/password").Concat(EncodedSlashVariants("/account/password")))
        {
            var before = host.Time.GetUtcNow();
            host.Time.Advance(TimeSpan.FromSeconds(2));
            var response = await RawPath.PostFormAsync(browser, variant, [new("currentPassword", "old"), new("newPassword", "new-password-1"), new("confirmPassword", "new-password-1")]);
            var changedAt = (await users.FindAsync("bank", "alice", default))!.PasswordChangedAt;
            if (response.StatusCode != HttpStatusCode.Redirect || changedAt is null || changedAt <= before)
            {
                failures.Add($"{variant}: {(int)response.StatusCode}, last recorded change {changedAt?.ToString("O") ?? "none"}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_way_of_writing_a_denied_path_is_denied()
    {
        await using var app = await LenientPathApp.StartAsync();
        await using var host = await StartAsync(app);
        using var browser = host.NewBrowser();

        var failures = new List<string>();
        var variants = Variants("/admin").Concat(Variants("/admin/users")).Concat(EncodedSlashVariants("/admin"))
            .Concat(["/admin%2Fusers", "/public/..%2Fadmin", "/css/..%2Fadmin/users", "/public%2F..%2Fadmin"]);
        foreach (var variant in variants)
        {
            var response = await RawPath.GetAsync(browser, variant);
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"{variant}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_way_of_writing_a_step_up_path_picks_the_step_up_policy()
    {
        await using var app = await LenientPathApp.StartAsync();
        await using var host = await StartAsync(app);
        using var browser = host.NewBrowser();
        await browser.GetPageAsync((await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice)).ContinueUrl);
        host.Time.Advance(TimeSpan.FromMinutes(6)); // the MFA is now older than the money rule's MaxAge

        // The session itself is fine for everything else.
        Assert.Equal(HttpStatusCode.OK, (await RawPath.PostFormAsync(browser, "/transfers-history", [new("page", "1")])).StatusCode);

        var failures = new List<string>();
        var variants = Variants("/transfer").Concat(EncodedSlashVariants("/transfer")).Concat(["/public/..%2Ftransfer", "/public%2F..%2Ftransfer"]);
        foreach (var variant in variants)
        {
            var response = await RawPath.PostFormAsync(browser, variant, [new("to", "bob"), new("amount", "1.00")]);
            var location = response.Headers.Location?.OriginalString;
            if (response.StatusCode != HttpStatusCode.SeeOther || location != "/.mfa/challenge")
            {
                failures.Add($"{variant}: {(int)response.StatusCode} {location}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_way_of_writing_an_api_path_gets_the_answer_for_programs()
    {
        await using var app = await LenientPathApp.StartAsync();
        await using var host = await StartAsync(app);

        var failures = new List<string>();
        foreach (var variant in Variants("/api/accounts").Concat(EncodedSlashVariants("/api/accounts")))
        {
            // An app session the gateway never saw: programs get 401 JSON, browsers a redirect to the login.
            using var browser = host.NewBrowser();
            browser.SetCookie(LenientPathApp.SessionCookie, "made-around-the-gateway");
            var response = await RawPath.GetAsync(browser, variant);
            if (response.StatusCode != HttpStatusCode.Unauthorized || !(await response.Content.ReadAsStringAsync()).Contains("\"login_required\"", StringComparison.Ordinal))
            {
                failures.Add($"{variant}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("/account%2500")]
    [InlineData("/account%250d%250aSet-Cookie:%20x=1")]
    public async Task A_path_that_decodes_to_a_control_character_is_refused(string path)
    {
        await using var app = await LenientPathApp.StartAsync();
        await using var host = await StartAsync(app);
        using var browser = host.NewBrowser();

        var response = await RawPath.GetAsync(browser, path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Address not accepted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<GatewayTestHost> StartAsync(LenientPathApp app, Action<JsonObject>? configure = null) =>
        GatewayTestHost.StartAsync((config, _) =>
        {
            config["ReverseProxy"]!["Clusters"]!["bank"]!["Destinations"]!["demo"]!["Address"] = app.BaseAddress;
            configure?.Invoke(config["Gateway"]!.AsObject());
        });

    /// <summary>A new browser signed in with a code; the clock moves on a step first, as codes are single-use.</summary>
    private static async Task<Browser> SignedInAsync(GatewayTestHost host, byte[] secret)
    {
        host.Time.Advance(TimeSpan.FromSeconds(30));
        var browser = host.NewBrowser();
        var (page, _) = await BankFlows.SignInWithCodeAsync(host, browser, DemoUsers.Alice, secret);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull(browser.Cookie(GatewaySession));
        return browser;
    }
}
