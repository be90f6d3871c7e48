using MfaGateway.Apps;
using MfaGateway.Proxy;
using MfaGateway.Sessions;
using MfaGateway.Web;
using Microsoft.Extensions.Primitives;

namespace MfaGateway.Tests.Proxy;

public sealed class CookieHeaderTests
{
    private static readonly AppCredentials Bank = new("DemoSession", ["DemoRemember"], ["remember_"], [], [], true, new HashSet<string>());

    [Theory]
    [InlineData("DemoSession=abc", "abc")]
    [InlineData("a=1; DemoSession=abc; b=2", "abc")]
    [InlineData("a=1;DemoSession=abc", "abc")]
    [InlineData("DemoSession=\"quoted\"; b=2", "quoted")]
    [InlineData("XDemoSession=no; DemoSession=yes", "yes")]
    [InlineData(" DemoSession = spaced ", "spaced")]
    [InlineData("DemoSession=", "")]
    public void A_cookie_sent_once_is_read_as_the_app_reads_it(string header, string expected)
    {
        Assert.Equal(CookiePresence.Once, CookieHeader.Find(header, "DemoSession", out var value));
        Assert.Equal(expected, value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a=1; b=2")]
    [InlineData("a=DemoSession=1")]
    [InlineData("DemoSessionX=1")]
    [InlineData("a=1; note=DemoSession")]
    public void A_cookie_that_is_not_there_is_not_found(string header) =>
        Assert.Equal(CookiePresence.Absent, CookieHeader.Find(header, "DemoSession", out _));

    /// <summary>Every spelling some stack reads as the same cookie counts: ASP.NET Core keeps the last copy, PHP the first.</summary>
    [Theory]
    [InlineData("DemoSession=alice; DemoSession=bob")]
    [InlineData("DemoSession=alice; demosession=bob")]
    [InlineData("DemoSession=alice x; DemoSession=bob")]
    [InlineData("DemoSession=alice, DemoSession=bob")]
    [InlineData("a=1, DemoSession=bob")]
    [InlineData("DemoSession=alice; Demo%53ession=bob")]
    [InlineData("DemoSession=alice;DemoSession=bob;mfa-session-bank=s")]
    public void A_cookie_sent_more_than_once_or_hidden_is_repeated(string header) =>
        Assert.Equal(CookiePresence.Repeated, CookieHeader.Find(header, "DemoSession", out _));

    [Fact]
    public void Copies_in_separate_cookie_headers_are_counted_together()
    {
        Assert.Equal(CookiePresence.Once, CookieHeader.Find(new StringValues(["a=1", "DemoSession=abc"]), "DemoSession", out var value));
        Assert.Equal("abc", value.ToString());
        Assert.Equal(CookiePresence.Repeated, CookieHeader.Find(new StringValues(["DemoSession=alice", "DemoSession=bob"]), "DemoSession", out _));
    }

    [Theory]
    [InlineData("laravel_session", "laravel.session", true)]
    [InlineData("laravel_session", "laravel session", true)]
    [InlineData("laravel_session", "LARAVEL_SESSION", true)]
    [InlineData("laravel_session", "laravel%5Fsession", true)]
    [InlineData("laravel.session", "laravel_session", false)]
    [InlineData("DemoSession", "DemoSession2", false)]
    public void Names_match_as_the_loosest_stack_reads_them(string tracked, string sent, bool same) =>
        Assert.Equal(same, CookieName.Matches(sent, tracked));

    [Theory]
    [InlineData("mfa-session-bank=abc; DemoSession=x", "DemoSession=x")]
    [InlineData("a=1; mfa-challenge=id; mfa-session-bank=abc; b=2", "a=1; b=2")]
    [InlineData("mfa-did=d; mfa-device-bank=t; __Host-mfa-session-other=s; MFA-ANTIFORGERY=f; b=2", "b=2")]
    [InlineData("a=1, mfa-device-bank=t; b=2", "b=2")]
    [InlineData("mfa-challenge=id", "")]
    public void Gateway_cookies_never_go_to_the_app(string header, string expected) =>
        Assert.Equal(expected, UpstreamCookies.Filter(header, "mfa-session", Bank, [], CredentialForwarding.All));

    [Theory]
    [InlineData("x-mfa-session-bank=1; b=2")]
    [InlineData("a=mfa-session-bank=1")]
    [InlineData("")]
    public void A_header_without_gateway_cookies_or_credentials_is_forwarded_as_it_is(string header) =>
        Assert.Null(UpstreamCookies.Filter(header, "mfa-session", Bank, [], CredentialForwarding.None));

    [Fact]
    public void Unvouched_requests_lose_the_session_and_every_other_credential()
    {
        const string header = "DemoSession=s; DemoRemember=r; remember_web=w; Learned=l; lang=en";
        Assert.Equal("lang=en", UpstreamCookies.Filter(header, "mfa-session", Bank, ["Learned"], CredentialForwarding.None));
        Assert.Equal("DemoSession=s; lang=en", UpstreamCookies.Filter(header, "mfa-session", Bank, ["Learned"], CredentialForwarding.SessionOnly));
        Assert.Null(UpstreamCookies.Filter(header, "mfa-session", Bank, ["Learned"], CredentialForwarding.All));
    }

    [Fact]
    public void A_repeated_credential_never_goes_even_on_a_bypass_route()
    {
        Assert.Equal("lang=en", UpstreamCookies.Filter("DemoSession=a; lang=en; demosession=b", "mfa-session", Bank, [], CredentialForwarding.All));
        Assert.Equal("lang=en", UpstreamCookies.Filter("DemoRemember=a; lang=en; DemoRemember=b", "mfa-session", Bank, [], CredentialForwarding.All));
        Assert.Equal("lang=en", UpstreamCookies.Filter("DemoSession=a; lang=en; DemoSession=b", "mfa-session", Bank, [], CredentialForwarding.SessionOnly));
    }

    [Fact]
    public void Several_cookie_headers_reach_the_app_as_one() =>
        Assert.Equal("a=1; DemoSession=s", UpstreamCookies.Filter(new StringValues(["a=1", "DemoSession=s; mfa-did=x"]), "mfa-session", Bank, [], CredentialForwarding.SessionOnly));

    [Fact]
    public void A_header_of_several_kilobytes_is_filtered_as_a_short_one_is()
    {
        // Past the stack buffer the pairs are assembled in a rented array: same result, and a rented array
        // left dirty by this call must not leak into the next one.
        var filler = string.Join("; ", Enumerable.Range(0, 300).Select(i => $"pref{i}=v{i}"));
        var header = $"mfa-session-bank=abc; {filler}; mfa-did=d";
        Assert.Equal(filler, UpstreamCookies.Filter(header, "mfa-session", Bank, [], CredentialForwarding.All));
        Assert.Equal("b=2", UpstreamCookies.Filter("mfa-did=d; b=2", "mfa-session", Bank, [], CredentialForwarding.All));
    }

    [Fact]
    public void Filtering_allocates_nothing_but_the_header_it_forwards()
    {
        var unchanged = "lang=en; theme=dark; " + string.Join("; ", Enumerable.Range(0, 40).Select(i => $"p{i}=v{i}"));
        var changed = "mfa-session-bank=abc; " + unchanged;
        var large = "mfa-did=d; " + string.Join("; ", Enumerable.Range(0, 300).Select(i => $"pref{i}=v{i}"));
        foreach (var header in new[] { unchanged, changed, large })
        {
            UpstreamCookies.Filter(header, "mfa-session", Bank, [], CredentialForwarding.All); // warm up (JIT, pool)
        }

        Assert.Equal(0, AllocatedBy(() => UpstreamCookies.Filter(unchanged, "mfa-session", Bank, [], CredentialForwarding.All)));

        // The forwarded string is the one allocation: its characters plus the string object's header.
        var forwardedSize = (unchanged.Length * sizeof(char)) + 64;
        Assert.InRange(AllocatedBy(() => UpstreamCookies.Filter(changed, "mfa-session", Bank, [], CredentialForwarding.All)), 1, forwardedSize);
        var largeResult = UpstreamCookies.Filter(large, "mfa-session", Bank, [], CredentialForwarding.All)!;
        Assert.InRange(AllocatedBy(() => UpstreamCookies.Filter(large, "mfa-session", Bank, [], CredentialForwarding.All)), 1, (largeResult.Length * sizeof(char)) + 64);
    }

    private static long AllocatedBy(Func<string?> filter)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(filter());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
