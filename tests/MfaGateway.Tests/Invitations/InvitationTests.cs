using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Administration;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.SelfService;

namespace MfaGateway.Tests.Invitations;

/// <summary>
/// Enrolment invitations under FirstEnrolment=Invitation, through the admin API, the real SMTP server
/// and the hosted pages: a password alone cannot enrol; the e-mailed link, opened in one browser,
/// enrols once; another browser, another user, a revoked or expired invitation cannot.
/// </summary>
public sealed class InvitationTests
{
    private const string Subject = "Set up two-step verification for bank";

    [Fact]
    public async Task A_password_alone_cannot_enrol_a_first_factor_on_the_pages_or_the_api()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var admin = await StartAsync(smtp);
        using var browser = admin.Host.NewBrowser();

        var (enrol, page) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Equal("/.mfa/enrol", enrol.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, enrol.StatusCode);
        Assert.Contains("An invitation is needed", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Code\"", page, StringComparison.Ordinal);
        SecurityFlows.AssertNoInlineScriptOrStyle(page);

        // A program signing in gets the same answer from every enrolment endpoint.
        using var program = admin.Host.NewBrowser();
        var token = ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(program, DemoUsers.Alice)).Content.ReadAsStringAsync());
        foreach (var (path, body) in new[]
        {
            ("/.mfa/api/enrol/totp", $"{{\"mfa_token\":\"{token}\"}}"),
            ("/.mfa/api/webauthn/options", $"{{\"mfa_token\":\"{token}\"}}"),
            ("/.mfa/api/verify", $"{{\"mfa_token\":\"{token}\",\"factor\":\"totp\",\"code\":\"123456\"}}"),
        })
        {
            var refused = await program.Http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("\"invitation_required\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(await SecurityFlows.FactorsAsync(admin.Host, "alice"));
    }

    [Fact]
    public async Task The_emailed_link_opened_in_one_browser_enrols_once_and_a_mail_scanner_fetching_it_spends_nothing()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var admin = await StartAsync(smtp);
        var address = $"alice-{Guid.NewGuid():N}@example.com";

        var created = await InviteAsync(admin, "alice", address);
        var link = created.GetProperty("link").GetString()!;
        Assert.StartsWith("https://bank.example/.mfa/invitation/", link, StringComparison.Ordinal);
        Assert.True(created.GetProperty("emailed").GetBoolean());

        var mail = await smtp.NextMessageToAsync(address, subject: Subject);
        Assert.Contains(link, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("alice", mail.TextBody, StringComparison.Ordinal);
        var path = new Uri(link).PathAndQuery;

        // A scanner fetches the link (no cookies, GET only): the page offers a button and changes nothing.
        using (var scanner = admin.Host.NewBrowser())
        {
            var (scanned, scannedPage) = await scanner.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.OK, scanned.StatusCode);
            Assert.Contains("Continue", scannedPage, StringComparison.Ordinal);
            Assert.Equal("origin", scanned.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("no-store", scanned.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            SecurityFlows.AssertNoInlineScriptOrStyle(scannedPage);
        }

        using var browser = admin.Host.NewBrowser();
        var (_, offer) = await browser.GetPageAsync(path);
        var accepted = await browser.SubmitAsync(path, offer);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("Invitation accepted", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Opened here, the link is held: another browser that opens it afterwards cannot.
        using (var other = admin.Host.NewBrowser())
        {
            var (_, otherOffer) = await other.GetPageAsync(path);
            Assert.Contains("Opened in another browser", otherOffer, StringComparison.Ordinal);
            var (otherEnrol, _) = await other.FollowAsync(await BankFlows.SubmitLoginAsync(other, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
            Assert.Equal(HttpStatusCode.Forbidden, otherEnrol.StatusCode);
        }

        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(admin.Host, browser, DemoUsers.Alice);
        Assert.NotEmpty(enrolled.RecoveryCodes);
        Assert.Single(await SecurityFlows.FactorsAsync(admin.Host, "alice"));

        var (again, againPage) = await browser.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("Invitation already used", againPage, StringComparison.Ordinal);

        var events = (await admin.AuditAsync("user=alice")).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("invitation.created", events);
        Assert.Contains("invitation.opened", events);
        Assert.Contains("invitation.used", events);

        // After a reset the spent invitation enrols no one: a new one is needed.
        await admin.ActAsync("reset", "alice");
        var (afterReset, _) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Equal(HttpStatusCode.Forbidden, afterReset.StatusCode);
    }

    [Fact]
    public async Task Bobs_invitation_does_not_let_alices_stolen_password_enrol_in_that_browser()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var admin = await StartAsync(smtp);
        var path = new Uri((await InviteAsync(admin, "bob", $"bob-{Guid.NewGuid():N}@example.com")).GetProperty("link").GetString()!).PathAndQuery;
        using var browser = admin.Host.NewBrowser();
        var (_, offer) = await browser.GetPageAsync(path);
        await browser.SubmitAsync(path, offer);

        var (enrol, page) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));

        Assert.Equal(HttpStatusCode.Forbidden, enrol.StatusCode);
        Assert.Contains("An invitation is needed", page, StringComparison.Ordinal);
        Assert.Empty(await SecurityFlows.FactorsAsync(admin.Host, "alice"));
    }

    [Fact]
    public async Task A_revoked_or_expired_invitation_stops_working_even_in_the_browser_that_opened_it()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var admin = await StartAsync(smtp);
        var revokedPath = await OpenAsync(admin, await InviteAsync(admin, "bob", $"bob-{Guid.NewGuid():N}@example.com"), out var bobBrowser);
        using (bobBrowser)
        {
            var revoked = await AdminApiHost.ReadAsync(await admin.SendAsync(HttpMethod.Delete, $"{AdminApiHost.Api}/users/bank/bob/invitations"), HttpStatusCode.OK);
            Assert.Equal(1, revoked.GetProperty("revoked").GetInt32());

            var (enrol, _) = await bobBrowser.FollowAsync(await BankFlows.SubmitLoginAsync(bobBrowser, DemoUsers.Bob.Name, DemoUsers.Bob.Password));
            Assert.Equal(HttpStatusCode.Forbidden, enrol.StatusCode);
            var (gone, gonePage) = await bobBrowser.GetPageAsync(revokedPath);
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Contains("Invitation withdrawn", gonePage, StringComparison.Ordinal);
        }

        var expiringPath = await OpenAsync(admin, await InviteAsync(admin, "carol", $"carol-{Guid.NewGuid():N}@example.com", "10m"), out var carolBrowser);
        using (carolBrowser)
        {
            admin.Host.Time.Advance(TimeSpan.FromMinutes(11));
            var (enrol, _) = await carolBrowser.FollowAsync(await BankFlows.SubmitLoginAsync(carolBrowser, DemoUsers.Carol.Name, DemoUsers.Carol.Password));
            Assert.Equal(HttpStatusCode.Forbidden, enrol.StatusCode);
            var (gone, gonePage) = await carolBrowser.GetPageAsync(expiringPath);
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Contains("Invitation expired", gonePage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_or_malformed_link_is_a_clear_404_and_bad_requests_are_clear_400s()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var admin = await StartAsync(smtp);
        var link = (await InviteAsync(admin, "alice", $"alice-{Guid.NewGuid():N}@example.com")).GetProperty("link").GetString()!;
        var forged = link[..^4] + (link.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var browser = admin.Host.NewBrowser();
        foreach (var path in new[] { new Uri(forged).PathAndQuery, "/.mfa/invitation/not-a-token", "/.mfa/invitation" })
        {
            var (missing, page) = await browser.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("Invitation not found", page, StringComparison.Ordinal);
        }

        foreach (var (body, says) in new[]
        {
            ("{\"email\": \"Alice <a@example.com>\"}", "email:"),
            ("{\"email\": \"a@example.com\", \"lifetime\": \"31d\"}", "10 minutes to 30 days"),
            ("{\"email\": \"a@example.com\", \"lifetime\": \"soon\"}", "is not a duration"),
            ("{\"email\": \"a@example.com\", \"app\": \"shop\"}", "has no app 'shop'"),
            ("{\"emial\": \"a@example.com\"}", "must be a JSON object"),
            ("", "must be a JSON object"),
        })
        {
            var refused = await AdminApiHost.ReadAsync(await admin.PostAsync($"{AdminApiHost.Api}/users/bank/alice/invitations", body), HttpStatusCode.BadRequest);
            Assert.Contains(says, refused.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_address_an_administrator_gave_hears_of_a_reset_after_the_factors_are_gone()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var admin = await StartAsync(smtp);
        var address = $"dave-{Guid.NewGuid():N}@example.com";
        var path = await OpenAsync(admin, await InviteAsync(admin, "alice", address), out var browser);
        using (browser)
        {
            await BankFlows.SignInAndEnrolWithCodesAsync(admin.Host, browser, DemoUsers.Alice);
        }

        await smtp.NextMessageToAsync(address, subject: "A verification method was added.");
        await admin.ActAsync("reset", "alice");

        var told = await smtp.NextMessageToAsync(address, subject: "Two-step verification was turned off.");
        Assert.Contains("Your password alone now signs you in.", told.TextBody, StringComparison.Ordinal);
        Assert.NotEmpty(path);
    }

    [Fact]
    public async Task The_command_line_makes_an_invitation_and_prints_its_link()
    {
        var smtp = await SmtpSink.SharedAsync();
        await using var admin = await StartAsync(smtp);
        var address = $"carol-{Guid.NewGuid():N}@example.com";

        var (exitCode, stdout, stderr) = await GatewayExecutable.RunAsync(admin.Host.Directory, "user", "invite", "Bank", "Carol", "--email", address, "--lifetime", "2d", "--config", admin.Host.ConfigPath);

        Assert.True(exitCode == 0, stderr);
        var printed = System.Text.Json.JsonDocument.Parse(stdout).RootElement;
        Assert.StartsWith("https://bank.example/.mfa/invitation/", printed.GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.True(printed.GetProperty("emailed").GetBoolean());

        // The running gateway finds the CLI's invitation (same database) and its page offers it to carol.
        var (page, html) = await admin.Host.NewBrowser().GetPageAsync(new Uri(printed.GetProperty("link").GetString()!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<strong>carol</strong>", html, StringComparison.Ordinal);

        var revoked = await GatewayExecutable.RunAsync(admin.Host.Directory, "user", "revoke-invitations", "bank", "carol", "--config", admin.Host.ConfigPath);
        Assert.True(revoked.ExitCode == 0, revoked.Stderr);
        Assert.Equal(1, System.Text.Json.JsonDocument.Parse(revoked.Stdout).RootElement.GetProperty("revoked").GetInt32());
    }

    private static async Task<System.Text.Json.JsonElement> InviteAsync(AdminApiHost admin, string user, string address, string? lifetime = null) =>
        await AdminApiHost.ReadAsync(
            await admin.PostAsync($"{AdminApiHost.Api}/users/bank/{user}/invitations",
                lifetime is null ? $"{{\"email\": \"{address}\", \"reason\": \"new starter\"}}" : $"{{\"email\": \"{address}\", \"lifetime\": \"{lifetime}\"}}"),
            HttpStatusCode.Created);

    /// <summary>Opens the invitation in a new browser (GET, then Continue); returns the link's path.</summary>
    private static Task<string> OpenAsync(AdminApiHost admin, System.Text.Json.JsonElement created, out Browser browser)
    {
        var path = new Uri(created.GetProperty("link").GetString()!).PathAndQuery;
        var opened = admin.Host.NewBrowser();
        browser = opened;
        return OpenInAsync(opened, path);
    }

    private static async Task<string> OpenInAsync(Browser browser, string path)
    {
        var (_, offer) = await browser.GetPageAsync(path);
        var accepted = await browser.SubmitAsync(path, offer);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        return path;
    }

    private static Task<AdminApiHost> StartAsync(SmtpSink smtp) => AdminApiHost.StartAsync(config =>
    {
        var gateway = config["Gateway"]!;
        gateway["Email"] = smtp.GatewayEmail();
        gateway["Policies"]!["signin"]!["FirstEnrolment"] = "Invitation";
        gateway["Apps"]!["bank"]!["PublicUrl"] = "https://bank.example";
    });
}
