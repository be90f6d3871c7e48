using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.SelfService;

namespace MfaGateway.Tests.Pages;

/// <summary>Every gateway page a user can land on offers a way back to the application.</summary>
public sealed class PageWayOutTests
{
    [Fact]
    public async Task The_security_page_links_back_to_the_application()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);

        var (_, html) = await SecurityFlows.OpenAsync(browser);

        Assert.Contains("<a href=\"/\" id=\"back-to-app\">Back to the application</a>", html);
    }

    [Fact]
    public async Task The_security_page_links_back_to_where_the_app_lands_after_sign_in()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Apps"]!["bank"]!["Identity"]!["FormLogin"]!["AfterLoginPath"] = JsonValue.Create("/accounts"));
        using var browser = host.NewBrowser();
        await BankFlows.SignInAndEnrolAsync(host, browser, DemoUsers.Alice);

        var (_, html) = await SecurityFlows.OpenAsync(browser);

        Assert.Contains("<a href=\"/accounts\" id=\"back-to-app\">Back to the application</a>", html);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    public async Task The_unsafe_return_address_page_has_a_way_out(string returnUrl)
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();

        var (page, html) = await browser.GetPageAsync($"/.mfa/verify?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Unsafe return address", html);
        Assert.Contains("<a class=\"button\" href=\"/\">Go to the application</a>", html);
    }
}
