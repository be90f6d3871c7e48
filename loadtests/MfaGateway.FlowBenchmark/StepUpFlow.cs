using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using OtpNet;

namespace MfaGateway.FlowBenchmark;

/// <summary>
/// One step-up as a program signs in through the gateway: the bank's login form, the gateway's 401
/// with an mfa_token, a TOTP verify, and one request forwarded with the new session. Every flow uses a
/// fresh cookie jar, as a new client would.
/// </summary>
public sealed partial class StepUpFlow(Uri gateway)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Enrols the user's first authenticator; returns its secret (Base32) and the time step its code used.</summary>
    public async Task<(string Secret, long Step)> EnrolAsync(string user, string password, CancellationToken cancellationToken)
    {
        using var client = NewClient();
        var mfaToken = await SignInAsync(client, user, password, cancellationToken);
        using var enrol = await client.PostAsJsonAsync("/.mfa/api/enrol/totp", new { mfa_token = mfaToken }, cancellationToken);
        var secret = (await ReadAsync(enrol, HttpStatusCode.OK, cancellationToken)).GetProperty("secret").GetString()!;
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        await VerifyAsync(client, mfaToken, Code(secret, DateTimeOffset.FromUnixTimeSeconds(step * 30)), cancellationToken);
        return (secret, step);
    }

    /// <summary>The measured flow, with a code of the given time step; the cookie jar carries both sessions to the forwarded request.</summary>
    public async Task RunAsync(string user, string password, string secret, long timeStep, CancellationToken cancellationToken)
    {
        using var client = NewClient();
        var mfaToken = await SignInAsync(client, user, password, cancellationToken);
        await VerifyAsync(client, mfaToken, Code(secret, DateTimeOffset.FromUnixTimeSeconds(timeStep * 30)), cancellationToken);
        using var dashboard = new HttpRequestMessage(HttpMethod.Get, "/");
        dashboard.Headers.Accept.ParseAdd("text/html");
        using var forwarded = await client.SendAsync(dashboard, cancellationToken);
        var page = await forwarded.Content.ReadAsStringAsync(cancellationToken);
        if (forwarded.StatusCode != HttpStatusCode.OK || !page.Contains(user, StringComparison.Ordinal))
        {
            throw new FlowException($"forwarded request: HTTP {(int)forwarded.StatusCode}");
        }
    }

    private static string Code(string secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);

    private HttpClient NewClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = gateway };

    private static async Task<string> SignInAsync(HttpClient client, string user, string password, CancellationToken cancellationToken)
    {
        var form = await client.GetStringAsync("/login", cancellationToken);
        var token = AntiforgeryField().Match(form);
        if (!token.Success)
        {
            throw new FlowException("login form without an antiforgery token");
        }

        using var login = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = user,
                ["password"] = password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            }),
        };
        login.Headers.Accept.ParseAdd("application/json");
        using var challenge = await client.SendAsync(login, cancellationToken);
        return (await ReadAsync(challenge, HttpStatusCode.Unauthorized, cancellationToken)).GetProperty("mfa_token").GetString()!;
    }

    private static async Task<string> VerifyAsync(HttpClient client, string mfaToken, string code, CancellationToken cancellationToken)
    {
        using var verify = await client.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = mfaToken, code }, cancellationToken);
        return (await ReadAsync(verify, HttpStatusCode.OK, cancellationToken)).GetProperty("mfa_session").GetString()!;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != expected)
        {
            throw new FlowException($"{response.RequestMessage?.RequestUri?.AbsolutePath}: HTTP {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        }

        return JsonSerializer.Deserialize<JsonElement>(body, Json);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();
}
