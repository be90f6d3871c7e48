using System.Net;
using System.Text;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Functional;

public sealed class FormLoginEdgeTests
{
    [Fact]
    public async Task A_login_body_larger_than_the_limit_is_refused_and_never_reaches_the_app()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var (_, form) = await browser.GetPageAsync("/login");

        var response = await browser.PostFormAsync("/login", [.. HtmlPage.HiddenFields(form, "/login"),
            new("username", "alice"), new("password", DemoUsers.Alice.Password), new("padding", new string('x', 70_000))]);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Sign-in not sent", body);
        Assert.Null(browser.Cookie("DemoSession"));
    }

    [Fact]
    public async Task A_login_body_the_gateway_cannot_read_is_refused_with_a_clear_answer()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var client = host.NewBrowser();
        var request = new HttpRequestMessage(HttpMethod.Post, "/login") { Content = new StringContent("username=alice", Encoding.UTF8, "text/plain") };
        request.Headers.Accept.Add(Browser.Json);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"error\":\"invalid_request\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_successful_login_without_the_configured_username_field_is_withheld()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Apps"]!["bank"]!["Identity"]!["FormLogin"]!["UsernameField"] = "email");
        using var browser = host.NewBrowser();

        var response = await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password);

        // The app accepted the password, but the gateway cannot tell who it was: no session is released.
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("Sign-in not completed", await response.Content.ReadAsStringAsync());
        Assert.Null(browser.Cookie("DemoSession"));
    }
}
