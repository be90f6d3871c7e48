using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.SelfService;

namespace MfaGateway.Tests.Functional;

/// <summary>Bad input gets a clear 4xx and changes nothing; a code is spent only when what it buys is delivered.</summary>
public sealed class UndeliverableChallengeTests
{
    [Fact]
    public async Task A_non_ascii_return_address_is_sent_back_escaped_after_the_code()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();

        var (_, challenge) = await browser.GetPageAsync("/.mfa/verify?returnUrl=/caf%C3%A9?x=%E2%82%AC&app=bank");
        var verified = await browser.SubmitAsync("/.mfa/challenge", challenge, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));

        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal("/caf%C3%A9?x=%E2%82%AC", verified.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_step_up_on_a_non_ascii_path_returns_to_it_after_the_code()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Rules"]!.AsArray().Insert(0, JsonNode.Parse("""{ "Paths": [ "/statements/**" ], "Policy": "sensitive" }""")));
        using var browser = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromMinutes(6));

        var stepUp = await browser.GetAsync("/statements/%C3%A9t%C3%A9");
        var (_, challenge) = await browser.FollowAsync(stepUp);
        var verified = await browser.SubmitAsync("/.mfa/challenge", challenge, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));

        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal("/statements/%C3%A9t%C3%A9", verified.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_out_with_a_non_ascii_return_address_goes_to_the_login_page()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);

        var response = await browser.GetAsync("/logout?returnUrl=/%C3%A9");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_challenge_whose_app_was_removed_is_refused_without_spending_the_code()
    {
        await using var host = await GatewayTestHost.StartAsync();
        byte[] secret;
        using (var first = host.NewBrowser())
        {
            secret = await BankFlows.SignInAndEnrolAsync(host, first, DemoUsers.Alice);
        }

        host.Time.AdvanceToNextTimeStep();
        using var browser = host.NewBrowser();
        var (_, challenge) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        var spentBefore = Assert.Single(await SecurityFlows.FactorsAsync(host, DemoUsers.Alice.Name)).LastTimeStep;
        var reload = await host.RewriteConfigAsync(config =>
        {
            var apps = config["Gateway"]!["Apps"]!.AsObject();
            var bank = apps["bank"]!.DeepClone();
            apps.Remove("bank");
            apps["bank2"] = bank;
        });
        Assert.True(reload.Accepted, string.Join("; ", reload.Errors));

        var answered = await browser.SubmitAsync("/.mfa/challenge", challenge, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())));

        Assert.Equal(HttpStatusCode.Conflict, answered.StatusCode);
        Assert.Contains("Your code was not used", await answered.Content.ReadAsStringAsync());
        Assert.Equal(spentBefore, Assert.Single(await SecurityFlows.FactorsAsync(host, DemoUsers.Alice.Name)).LastTimeStep);
        Assert.Null(browser.Cookie("DemoSession"));
    }

    /// <summary>Step-up forms the gateway cannot keep and post back unchanged.</summary>
    public static TheoryData<string, string> UnkeepableForms => new()
    {
        { "more than 1,024 fields", string.Join('&', Enumerable.Range(0, 1025).Select(i => $"f{i}=x")) + "&to=bob&amount=10.00" },
        { "a 2,000-character field name", new string('k', 2000) + "=x&to=bob&amount=10.00" },
        { "a NUL byte", "to=bob&amount=10.00&reference=a%00b" },
        { "a NUL byte in a name", "to=bob&amount=10.00&ref%00erence=x" },
    };

    [Theory]
    [MemberData(nameof(UnkeepableForms))]
    public async Task A_step_up_form_that_cannot_be_kept_gets_a_clear_400_and_changes_nothing(string what, string body)
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var (_, form) = await browser.GetPageAsync("/transfer");
        var token = string.Join('&', HtmlPage.HiddenFields(form, "/transfer").Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/transfer")
        {
            Content = new StringContent(token + "&" + body, Encoding.ASCII, "application/x-www-form-urlencoded"),
        });

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nothing was sent", page);
        Assert.Contains("/.mfa/verify?returnUrl=/transfer", page);
        Assert.Null(browser.Cookie("mfa-challenge"));
    }
}
