using System.Net;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Administration;

public sealed class RequireMfaTests
{
    [Fact]
    public async Task Requiring_mfa_sends_a_user_who_passed_freely_under_an_optional_policy_to_enrolment()
    {
        await using var admin = await AdminApiHost.StartAsync(config => config["Gateway"]!["DefaultPolicy"] = "optional");

        using (var before = admin.Host.NewBrowser())
        {
            Assert.Equal("/", await AdminFlows.SignInDestinationAsync(before, DemoUsers.Bob));
        }

        var result = await admin.ActAsync("require-mfa", "bob", "{\"reason\": \"handles payments\"}");
        Assert.Equal("require_mfa", result.GetProperty("action").GetString());
        Assert.True(result.GetProperty("user").GetProperty("mfa_required").GetBoolean());

        using var after = admin.Host.NewBrowser();
        var login = await BankFlows.SubmitLoginAsync(after, DemoUsers.Bob.Name, DemoUsers.Bob.Password);
        Assert.Equal("/.mfa/challenge", login.Headers.Location!.OriginalString);
        var (page, _) = await after.FollowAsync(login);
        Assert.Equal("/.mfa/enrol", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Null(after.Cookie("DemoSession"));

        var audited = Assert.Single((await admin.AuditAsync("type=admin.require_mfa")).GetProperty("events").EnumerateArray());
        Assert.Equal("bob", audited.GetProperty("user").GetString());
        Assert.Equal("handles payments", audited.GetProperty("detail").GetProperty("reason").GetString());
        Assert.Equal(AdminApiHost.KeyName, audited.GetProperty("detail").GetProperty("admin").GetString());
    }

    [Fact]
    public async Task Mfa_can_be_required_of_a_user_before_their_first_sign_in()
    {
        await using var admin = await AdminApiHost.StartAsync(config => config["Gateway"]!["DefaultPolicy"] = "optional");
        var unknown = await admin.GetAsync($"{AdminApiHost.Api}/users/bank/carol");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var result = await admin.ActAsync("require-mfa", "Carol");

        Assert.Equal("carol", result.GetProperty("user").GetProperty("user").GetString());
        using var browser = admin.Host.NewBrowser();
        Assert.Equal("/.mfa/challenge", await AdminFlows.SignInDestinationAsync(browser, DemoUsers.Carol));
    }
}
