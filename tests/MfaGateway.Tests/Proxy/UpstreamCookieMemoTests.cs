using MfaGateway.Apps;
using MfaGateway.Proxy;
using MfaGateway.Sessions;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace MfaGateway.Tests.Proxy;

/// <summary>
/// The per-connection memo of the upstream Cookie header: a repeat of the very same header on one
/// HTTP/1.1 connection reuses the filtered header; a change in any input of the filter, another
/// connection or an HTTP/2 stream filters afresh. A wrong hit would send a gateway cookie or an
/// unvouched credential to the app, so every input is changed here one at a time.
/// </summary>
public sealed class UpstreamCookieMemoTests
{
    private const string Header = "mfa-session-bank=s; DemoSession=abc; DemoRemember=r; keep=1";

    private static readonly ProtectedApp Bank = App(new AppCredentials("DemoSession", ["DemoRemember"], [], [], [], true, new HashSet<string>()));

    [Fact]
    public void The_same_header_on_one_connection_is_filtered_once()
    {
        var connection = new ConnectionItems();
        var first = UpstreamCookieMemo.Filter(Request(connection, Header), "mfa-session", Bank, [], CredentialForwarding.All);
        var second = UpstreamCookieMemo.Filter(Request(connection, Header), "mfa-session", Bank, [], CredentialForwarding.All);

        Assert.Equal("DemoSession=abc; DemoRemember=r; keep=1", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void What_a_request_may_forward_is_part_of_the_key()
    {
        var connection = new ConnectionItems();
        Assert.Equal("DemoSession=abc; DemoRemember=r; keep=1", UpstreamCookieMemo.Filter(Request(connection, Header), "mfa-session", Bank, [], CredentialForwarding.All));

        // The next request on the same connection goes to a protected route and nobody vouched for it.
        Assert.Equal("keep=1", UpstreamCookieMemo.Filter(Request(connection, Header), "mfa-session", Bank, [], CredentialForwarding.None));
        Assert.Equal("DemoSession=abc; keep=1", UpstreamCookieMemo.Filter(Request(connection, Header), "mfa-session", Bank, [], CredentialForwarding.SessionOnly));
    }

    [Fact]
    public void A_newly_learned_login_cookie_is_withheld_at_the_next_request()
    {
        var connection = new ConnectionItems();
        Assert.Equal("DemoSession=abc; keep=1", UpstreamCookieMemo.Filter(Request(connection, Header), "mfa-session", Bank, [], CredentialForwarding.SessionOnly));

        string[] learned = ["keep"];
        Assert.Equal("DemoSession=abc", UpstreamCookieMemo.Filter(Request(connection, Header), "mfa-session", Bank, learned, CredentialForwarding.SessionOnly));
    }

    [Fact]
    public void A_reload_that_renames_the_session_cookie_or_changes_the_credentials_applies_at_the_next_request()
    {
        const string header = "DemoSession=abc; sso-bank=z; keep=1";
        var connection = new ConnectionItems();
        Assert.Null(UpstreamCookieMemo.Filter(Request(connection, header), "mfa-session", Bank, [], CredentialForwarding.All));

        // Renamed to "sso", the gateway's session cookie for the bank is "sso-bank": it must stop going at once.
        Assert.Equal("DemoSession=abc; keep=1", UpstreamCookieMemo.Filter(Request(connection, header), "sso", Bank, [], CredentialForwarding.All));

        // Only the app's credentials change here: "keep" becomes one, so it is withheld where nobody vouched for it.
        Assert.Null(UpstreamCookieMemo.Filter(Request(connection, header), "mfa-session", Bank, [], CredentialForwarding.SessionOnly));
        var stricter = App(Bank.Credentials with { Cookies = ["DemoRemember", "keep"] });
        Assert.Equal("DemoSession=abc; sso-bank=z", UpstreamCookieMemo.Filter(Request(connection, header), "mfa-session", stricter, [], CredentialForwarding.SessionOnly));
    }

    [Fact]
    public void Another_header_or_another_connection_is_filtered_afresh()
    {
        var connection = new ConnectionItems();
        Assert.Equal("DemoSession=abc; DemoRemember=r; keep=1", UpstreamCookieMemo.Filter(Request(connection, Header), "mfa-session", Bank, [], CredentialForwarding.All));

        // Equal text in another string instance is a miss too: only Kestrel's reuse of the instance counts.
        var copy = new string(Header.AsSpan());
        var again = UpstreamCookieMemo.Filter(Request(connection, copy), "mfa-session", Bank, [], CredentialForwarding.All);
        Assert.Equal("DemoSession=abc; DemoRemember=r; keep=1", again);
        Assert.Equal("DemoSession=x", UpstreamCookieMemo.Filter(Request(connection, "mfa-device-bank=t; DemoSession=x"), "mfa-session", Bank, [], CredentialForwarding.All));

        var other = new ConnectionItems();
        Assert.NotSame(again, UpstreamCookieMemo.Filter(Request(other, copy), "mfa-session", Bank, [], CredentialForwarding.All));
    }

    [Theory]
    [InlineData("HTTP/2")]
    [InlineData("HTTP/3")]
    public void Streams_that_share_a_connection_in_parallel_are_never_memoised(string protocol)
    {
        var connection = new ConnectionItems();
        var first = UpstreamCookieMemo.Filter(Request(connection, Header, protocol), "mfa-session", Bank, [], CredentialForwarding.All);
        var second = UpstreamCookieMemo.Filter(Request(connection, Header, protocol), "mfa-session", Bank, [], CredentialForwarding.All);

        Assert.Equal(first, second);
        Assert.NotSame(first, second);
        Assert.Empty(connection.Items);
    }

    [Fact]
    public void A_header_that_goes_unchanged_is_remembered_as_unchanged()
    {
        var connection = new ConnectionItems();
        Assert.Null(UpstreamCookieMemo.Filter(Request(connection, "a=1; b=2"), "mfa-session", Bank, [], CredentialForwarding.All));
        Assert.Null(UpstreamCookieMemo.Filter(Request(connection, "a=1; b=2"), "mfa-session", Bank, [], CredentialForwarding.All));
    }

    private static DefaultHttpContext Request(ConnectionItems connection, string cookie, string protocol = "HTTP/1.1")
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IConnectionItemsFeature>(connection);
        context.Request.Protocol = protocol;
        context.Request.Headers.Cookie = cookie;
        return context;
    }

    private static ProtectedApp App(AppCredentials credentials) => new()
    {
        Name = "bank",
        Realm = "default",
        Source = IdentitySourceKind.FormLogin,
        ApiPaths = [],
        SessionCookie = "mfa-session-bank",
        SecureSessionCookie = "__Host-mfa-session-bank",
        Credentials = credentials,
    };

    private sealed class ConnectionItems : IConnectionItemsFeature
    {
        public IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();
    }
}
