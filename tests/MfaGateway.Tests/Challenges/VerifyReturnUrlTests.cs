using System.Net;
using MfaGateway.Web;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Challenges;

/// <summary>
/// "/.mfa/verify?returnUrl=..." takes its return address from the client. A signed-in user who
/// follows a crafted link must get an error page, not a challenge that ends on another site.
/// </summary>
public sealed class VerifyReturnUrlTests(VerifyReturnUrlTests.SignedInGateway gateway) : IClassFixture<VerifyReturnUrlTests.SignedInGateway>
{
    public static TheoryData<string> UnsafeReturnUrls => new()
    {
        "https://evil",
        "//evil",
        "/\\evil",
        "https:evil",
        "\\\\evil",
        "/\t/evil",
        "/\n/evil",
        " /x",
        "javascript:alert(1)",
        "/" + new string('a', ReturnUrl.MaxLength),
    };

    [Theory]
    [MemberData(nameof(UnsafeReturnUrls))]
    public async Task Unsafe_return_address_gets_400_page_and_no_challenge(string returnUrl)
    {
        var response = await gateway.Browser.GetAsync("/.mfa/verify?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Unsafe return address", body, StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain(SetCookies(response), c => c.StartsWith(ChallengeCookie.Name + "=", StringComparison.Ordinal) || c.StartsWith("__Host-" + ChallengeCookie.Name, StringComparison.Ordinal));
        Assert.DoesNotContain("evil", response.Headers.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Local_return_address_for_a_signed_in_user_opens_a_challenge()
    {
        // The control case: the same user and link with a safe address does get a challenge.
        var response = await gateway.Browser.GetAsync("/.mfa/verify?returnUrl=" + Uri.EscapeDataString("/dashboard?x=1"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/.mfa/challenge", response.Headers.Location!.OriginalString);
        Assert.Contains(SetCookies(response), c => c.StartsWith(ChallengeCookie.Name + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unsafe_return_address_is_refused_even_for_an_anonymous_visitor()
    {
        using var anonymous = gateway.Host.NewBrowser();

        var response = await anonymous.GetAsync("/.mfa/verify?returnUrl=" + Uri.EscapeDataString("//evil.example/"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Unsafe return address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    /// <summary>One gateway with alice signed in and enrolled, shared by the tests of this class.</summary>
    public sealed class SignedInGateway : IAsyncLifetime
    {
        public GatewayTestHost Host { get; private set; } = null!;

        public Browser Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Host = await GatewayTestHost.StartAsync();
            Browser = Host.NewBrowser();
            await BankFlows.SignInAndEnrolAsync(Host, Browser, DemoUsers.Alice);
        }

        public async Task DisposeAsync()
        {
            Browser.Dispose();
            await Host.DisposeAsync();
        }
    }
}
