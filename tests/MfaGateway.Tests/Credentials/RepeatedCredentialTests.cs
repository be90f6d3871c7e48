using System.Net;
using System.Net.Sockets;
using System.Text;
using MfaGateway.Audit;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Credentials;

/// <summary>
/// Issue 8 item 1: the gateway read the first DemoSession cookie, the bank (ASP.NET Core) the last, so
/// alice's own MFA'd session plus bob's app cookie let her act as bob. Now a repeated app credential
/// means no session: nothing reaches the app, and the user signs in again.
/// </summary>
public sealed class RepeatedCredentialTests
{
    public static TheoryData<string> Disguises => new()
    {
        "DemoSession={alice}; DemoSession={bob}; mfa-session-bank={gateway}",
        "DemoSession={alice}; demosession={bob}; mfa-session-bank={gateway}",
        "DemoSession={alice} x; DemoSession={bob}; mfa-session-bank={gateway}",
        "DemoSession={alice}, DemoSession={bob}; mfa-session-bank={gateway}",
        "mfa-session-bank={gateway}; DemoSession={alice};DemoSession={bob}",
    };

    [Theory]
    [MemberData(nameof(Disguises))]
    public async Task Another_users_app_session_beside_your_own_moves_no_money(string disguise)
    {
        await using var host = await GatewayTestHost.StartAsync();
        var (alice, bobSession) = await AliceAndBobsStolenSessionAsync(host);
        var cookie = disguise
            .Replace("{alice}", alice.Cookie("DemoSession"), StringComparison.Ordinal)
            .Replace("{bob}", bobSession, StringComparison.Ordinal)
            .Replace("{gateway}", alice.Cookie("mfa-session-bank"), StringComparison.Ordinal);

        using var attacker = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Cookie", cookie);
        var response = await attacker.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("bob", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var cleared = string.Join("\n", response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("DemoSession=;", cleared, StringComparison.Ordinal);
        Assert.Contains("mfa-session-bank=;", cleared, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, l => l.Message.Contains("more than once", StringComparison.Ordinal));
        var audit = await host.Services.GetRequiredService<FlushingAuditStore>().QueryAsync(new AuditQuery(Types: [AuditEventTypes.CredentialRepeated]), CancellationToken.None);
        Assert.Single(audit.Events);
    }

    [Fact]
    public async Task Two_cookie_header_lines_are_read_together()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var (alice, bobSession) = await AliceAndBobsStolenSessionAsync(host);

        var answer = await RawGetAsync(
            host.BaseAddress,
            "/",
            $"Cookie: DemoSession={alice.Cookie("DemoSession")}; mfa-session-bank={alice.Cookie("mfa-session-bank")}",
            $"Cookie: DemoSession={bobSession}");

        Assert.StartsWith("HTTP/1.1 302", answer, StringComparison.Ordinal);
        Assert.Contains("Location: /login", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alices_own_session_still_works_after_the_attempt_is_refused()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var (alice, _) = await AliceAndBobsStolenSessionAsync(host);

        var (response, body) = await alice.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("alice", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_gateway_sessions_are_no_session()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var (alice, _) = await AliceAndBobsStolenSessionAsync(host);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        var gateway = alice.Cookie("mfa-session-bank");
        request.Headers.TryAddWithoutValidation("Cookie", $"DemoSession={alice.Cookie("DemoSession")}; mfa-session-bank={gateway}; mfa-session-bank={gateway}");

        var response = await client.SendAsync(request);

        Assert.True(Browser.IsRedirect(response.StatusCode));
        Assert.StartsWith("/.mfa/", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>PHP keeps the last of two "username" fields; the gateway would have bound the first.</summary>
    [Theory]
    [InlineData("username=alice&username=bob&password=bob-password-2")]
    [InlineData("username=alice&Username=bob&password=bob-password-2")]
    [InlineData("username=alice&username%5B%5D=bob&password=bob-password-2")]
    public async Task A_login_form_naming_the_user_twice_is_refused_and_never_reaches_the_app(string body)
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var (_, form) = await browser.GetPageAsync("/login");
        var token = HtmlPage.HiddenFields(form, "/login").Single(f => f.Key == "__RequestVerificationToken").Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new StringContent($"{body}&__RequestVerificationToken={Uri.EscapeDataString(token)}", Encoding.ASCII, "application/x-www-form-urlencoded"),
        };

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("named the user more than once", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(browser.Cookie("DemoSession"));
        var audit = await host.Services.GetRequiredService<FlushingAuditStore>().QueryAsync(new AuditQuery(Types: [AuditEventTypes.CredentialRepeated]), CancellationToken.None);
        Assert.Single(audit.Events);
    }

    [Fact]
    public async Task A_json_login_naming_the_user_twice_is_refused()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var client = EchoFlows.ApiClient(host);

        var response = await client.PostAsync("/login", new StringContent("""{"username":"alice","USERNAME":"bob","password":"x"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>Alice signs in through the gateway with MFA; bob's app cookie was taken from the bank directly.</summary>
    private static async Task<(Browser Alice, string BobSession)> AliceAndBobsStolenSessionAsync(GatewayTestHost host)
    {
        var alice = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, alice, DemoUsers.Alice);
        using var bob = new Browser(host.DemoAddress);
        var login = await BankFlows.SubmitLoginAsync(bob, DemoUsers.Bob.Name, DemoUsers.Bob.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return (alice, bob.Cookie("DemoSession")!);
    }

    private static async Task<string> RawGetAsync(Uri address, string path, params string[] headerLines)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {address.Authority}\r\nAccept: text/html\r\n{string.Join("\r\n", headerLines)}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }
}
