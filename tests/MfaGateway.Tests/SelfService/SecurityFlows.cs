using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MfaGateway.Storage;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.SelfService;

/// <summary>The security page and its JSON API as a signed-in user's browser (or script) uses them.</summary>
public static partial class SecurityFlows
{
    public const string Page = "/.mfa/security";
    public const string Api = "/.mfa/api/security";
    public const string SessionCookie = "mfa-session-bank";
    public const string VerifyUrl = "/.mfa/verify?returnUrl=/.mfa/security&app=bank";

    public static Task<(HttpResponseMessage Response, string Body)> OpenAsync(Browser browser) => browser.GetPageAsync(Page);

    /// <summary>Posts to one of the page's forms (by handler) with the page's antiforgery token, as the browser would.</summary>
    public static async Task<HttpResponseMessage> PostAsync(Browser browser, string handler, params (string Name, string Value)[] fields)
    {
        var (_, html) = await OpenAsync(browser);
        return await PostFromAsync(browser, html, handler, fields);
    }

    public static Task<HttpResponseMessage> PostFromAsync(Browser browser, string html, string handler, params (string Name, string Value)[] fields) =>
        browser.PostFormAsync($"{Page}?handler={handler}&app=bank", [new("__mfa_csrf", Token(html)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    public static string Token(string html)
    {
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, "the page has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Signs in with a recovery code instead of the authenticator; returns the answer to the code.</summary>
    public static async Task<HttpResponseMessage> SignInWithRecoveryCodeAsync(Browser browser, (string Name, string Password) user, string code)
    {
        await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, user.Name, user.Password));
        var (page, html) = await browser.GetPageAsync("/.mfa/challenge?method=recovery");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await browser.SubmitAsync("/.mfa/challenge", html, ("Code", code));
    }

    /// <summary>Whether a sign-in with a code from <paramref name="secret"/> reaches the bank's dashboard.</summary>
    public static async Task<bool> SignsInWithAsync(GatewayTestHost host, byte[] secret, (string Name, string Password) user)
    {
        using var browser = host.NewBrowser();
        var (_, body) = await BankFlows.SignInWithCodeAsync(host, browser, user, secret);
        return body.Contains($"Welcome, {user.Name}", StringComparison.Ordinal);
    }

    /// <summary>
    /// A code from the user's app in the next time step: the proof a sensitive change needs now (the
    /// current step went to the sign-in, and a code is single use).
    /// </summary>
    public static string ProofCode(GatewayTestHost host, byte[] secret)
    {
        host.Time.AdvanceToNextTimeStep();
        return BankFlows.CodeAt(secret, host.Time.GetUtcNow());
    }

    /// <summary>Adds another authenticator on the security page, proven with a code from <paramref name="proofSecret"/>; returns its secret.</summary>
    public static async Task<byte[]> AddAuthenticatorAsync(GatewayTestHost host, Browser browser, byte[] proofSecret, string name = "Work phone")
    {
        var started = await PostAsync(browser, "Add", ("code", ProofCode(host, proofSecret)));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var setupPage = await started.Content.ReadAsStringAsync();
        var secret = TotpSecrets.Decode(HtmlPage.TextOf(setupPage, "secret")!);
        var setupId = HtmlPage.HiddenFields(setupPage).Single(f => f.Key == "setupId").Value;
        var added = await PostFromAsync(browser, setupPage, "Confirm", ("setupId", setupId), ("code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())), ("name", name));
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);

        // Both apps' codes of this step are spent: the next code from either is the next step's.
        host.Time.AdvanceToNextTimeStep();
        return secret;
    }

    public static Task<HttpResponseMessage> GetJsonAsync(Browser browser, string path = Api)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(Browser.Json);
        return browser.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendJsonAsync(Browser browser, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(Browser.Json);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        else if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return browser.SendAsync(request);
    }

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<UserRecord> UserAsync(GatewayTestHost host, string name) =>
        (await host.Services.GetRequiredService<IUserStore>().FindAsync("bank", name, default))!;

    public static async Task<IReadOnlyList<FactorRecord>> FactorsAsync(GatewayTestHost host, string name) =>
        await host.Services.GetRequiredService<IFactorStore>().ListAsync((await UserAsync(host, name)).Id, default);

    public static async Task<int> RecoveryCodesLeftAsync(GatewayTestHost host, string name) =>
        await host.Services.GetRequiredService<IRecoveryCodeStore>().CountRemainingAsync((await UserAsync(host, name)).Id, default);

    /// <summary>What a change to a factor would alter (the record itself holds an array, compared by reference).</summary>
    public static (string Id, string Name, bool IsPrimary, long? LastTimeStep) Summary(FactorRecord factor) =>
        (factor.Id, factor.Name, factor.IsPrimary, factor.LastTimeStep);

    /// <summary>No script element with content, no style attribute, no event handler attribute.</summary>
    public static void AssertNoInlineScriptOrStyle(string html)
    {
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
    }

    [GeneratedRegex("name=\"__mfa_csrf\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>|<script[^>]*>[^<]+</script>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
