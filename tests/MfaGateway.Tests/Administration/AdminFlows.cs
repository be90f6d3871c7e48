using System.Net;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Administration;

/// <summary>User steps the admin tests set up: remembered devices and locked users.</summary>
public static class AdminFlows
{
    public const string FirefoxOnLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    /// <summary>Lets the sign-in policy offer "remember this device" for 30 days.</summary>
    public static void AllowRememberedDevices(JsonObject config) =>
        config["Gateway"]!["Policies"]!["signin"]!["TrustedDevices"] = new JsonObject { ["Enabled"] = true, ["Days"] = 30 };

    /// <summary>A browser that signs in with a code and asks to be remembered; it then signs in without a challenge.</summary>
    public static async Task<Browser> RememberedBrowserAsync(GatewayTestHost host, (string Name, string Password) user, byte[] secret)
    {
        host.Time.AdvanceToNextTimeStep();
        var browser = host.NewBrowser();
        browser.Http.DefaultRequestHeaders.UserAgent.ParseAdd(FirefoxOnLinux);
        var (_, challenge) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, user.Name, user.Password));
        var passed = await browser.SubmitAsync("/.mfa/challenge", challenge, ("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())), ("RememberDevice", "true"));
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        return browser;
    }

    /// <summary>Where a sign-in is sent: "/" when the app's answer goes through, "/.mfa/challenge" when MFA is asked.</summary>
    public static async Task<string> SignInDestinationAsync(Browser browser, (string Name, string Password) user)
    {
        var login = await BankFlows.SubmitLoginAsync(browser, user.Name, user.Password);
        Assert.True(Browser.IsRedirect(login.StatusCode), $"login answered {(int)login.StatusCode}");
        return login.Headers.Location!.OriginalString;
    }

    /// <summary>Answers one challenge with codes wrong for <paramref name="secret"/>, <paramref name="count"/> times; returns the last answer.</summary>
    public static async Task<HttpResponseMessage> WrongCodesAsync(GatewayTestHost host, (string Name, string Password) user, int count, byte[] secret)
    {
        using var browser = host.NewBrowser();
        var (_, page) = await browser.FollowAsync(await BankFlows.SubmitLoginAsync(browser, user.Name, user.Password));
        HttpResponseMessage response = null!;
        for (var i = 0; i < count; i++)
        {
            response = await browser.SubmitAsync("/.mfa/challenge", page, ("Code", BankFlows.WrongCodeFor(secret, host.Time.GetUtcNow())));
            page = await response.Content.ReadAsStringAsync();
        }

        return response;
    }
}
