using System.Net;
using System.Text.RegularExpressions;
using MfaGateway.Storage;
using MfaGateway.Tests.Factors.WebAuthn;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Functional;

/// <summary>The hosted pages' passkey forms, posted as a script-less client would: bad input gets a clear page and changes nothing.</summary>
public sealed partial class WebAuthnPageTests
{
    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"id\":\"AA\"}")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_bad_credential_on_the_challenge_page_is_a_clear_400_page_and_the_passkey_still_passes_afterwards(string? credential)
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => WebAuthnFlows.Enable(config));
        using var key = new SoftwareAuthenticator();
        using (var enrolling = host.NewBrowser())
        {
            await WebAuthnFlows.SignInAndEnrolAsync(enrolling, DemoUsers.Alice, key);
        }

        using var browser = host.NewBrowser();
        var (_, challenge) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        Assert.Contains("data-webauthn=\"get\"", challenge, StringComparison.Ordinal);
        Assert.Contains("/.mfa/assets/webauthn.js", challenge, StringComparison.Ordinal);

        var refused = await SubmitAsync(browser, "/.mfa/challenge", challenge, credential is null ? [] : [("Credential", credential)]);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Your passkey or security key could not be checked. Try again. 4 attempts left.", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Null(browser.Cookie("DemoSession"));

        var passed = await SubmitAsync(browser, "/.mfa/challenge", page, ("Credential", key.Assert(Options(page))));
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        Assert.NotNull(browser.Cookie("DemoSession"));
    }

    [Fact]
    public async Task The_enrolment_page_refuses_a_name_with_a_line_break_and_enrols_nothing_until_a_good_one()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => WebAuthnFlows.Enable(config));
        using var key = new SoftwareAuthenticator();
        using var browser = host.NewBrowser();
        await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));
        var (_, enrol) = await browser.GetPageAsync("/.mfa/enrol?method=webauthn");
        Assert.Contains("data-webauthn=\"create\"", enrol, StringComparison.Ordinal);

        var refused = await SubmitAsync(browser, "/.mfa/enrol?method=webauthn", enrol, ("Name", "Work\nlaptop"), ("Credential", key.Register(Options(enrol))));
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("A name cannot contain line breaks", page, StringComparison.Ordinal);
        var user = await host.Services.GetRequiredService<IUserStore>().FindAsync("bank", DemoUsers.Alice.Name, default);
        Assert.Empty(await host.Services.GetRequiredService<IFactorStore>().ListAsync(user!.Id, default));

        var enrolled = await SubmitAsync(browser, "/.mfa/enrol?method=webauthn", page, ("Name", "Work laptop"), ("Credential", key.Register(Options(page))));
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        Assert.Contains("Save your recovery codes", await enrolled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Work laptop", Assert.Single(await host.Services.GetRequiredService<IFactorStore>().ListAsync(user.Id, default)).Name);
    }

    [Fact]
    public async Task A_passkey_only_step_up_tells_a_user_with_only_an_app_what_to_add_and_where_and_still_takes_a_recovery_code()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) => WebAuthnFlows.Enable(config));
        using var browser = host.NewBrowser();
        var enrolled = await BankFlows.SignInAndEnrolWithCodesAsync(host, browser, DemoUsers.Alice);
        host.Time.Advance(TimeSpan.FromMinutes(6));

        var (_, form) = await browser.GetPageAsync("/transfer");
        var (response, challenge) = await browser.FollowAsync(await browser.SubmitAsync("/transfer", form, ("to", "bob"), ("amount", "1.00")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = WebUtility.HtmlDecode(challenge);
        Assert.Contains("This needs a passkey or security key, which your account does not have yet.", text, StringComparison.Ordinal);
        Assert.Contains("href=\"/.mfa/security?app=bank\"", challenge, StringComparison.Ordinal);
        Assert.Contains("Recovery code", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain("authenticator app", text, StringComparison.Ordinal);

        var passed = await browser.SubmitAsync("/.mfa/challenge", challenge, ("Code", enrolled.RecoveryCodes[0]));
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
    }

    [Fact]
    public async Task Without_a_relying_party_the_enrolment_page_offers_only_the_authenticator_app()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var browser = host.NewBrowser();
        await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, DemoUsers.Alice.Name, DemoUsers.Alice.Password));

        var (_, enrol) = await browser.GetPageAsync("/.mfa/enrol?method=webauthn");

        Assert.Contains("Scan this QR code", enrol, StringComparison.Ordinal);
        Assert.DoesNotContain("passkey", enrol, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>As webauthn.js does: the form's hidden Credential field filled in, then the form posted.</summary>
    private static Task<HttpResponseMessage> SubmitAsync(Browser browser, string url, string html, params (string Name, string Value)[] fields) =>
        browser.PostFormAsync(url, [
            .. HtmlPage.HiddenFields(html, url).Where(f => !fields.Any(given => given.Name == f.Key)),
            .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    private static string Options(string html) => WebUtility.HtmlDecode(OptionsAttribute().Match(html).Groups[1].Value);

    [GeneratedRegex("data-options=\"([^\"]*)\"")]
    private static partial Regex OptionsAttribute();
}
