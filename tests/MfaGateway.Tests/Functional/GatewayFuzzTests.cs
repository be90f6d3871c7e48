using System.Net;
using System.Text;
using MfaGateway.Tests.Administration;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.SelfService;
using Microsoft.Extensions.Logging;

namespace MfaGateway.Tests.Functional;

/// <summary>
/// Every gateway endpoint (pages, challenge and security APIs, admin API, assets) and the app paths
/// the gateway itself acts on (login, logout, a step-up route), sent seeded random forms, JSON,
/// queries and cookies. Bad input must get a 4xx, never a 5xx, and the gateway must log no error.
/// Real tokens and cookies are mixed in, so requests also get past antiforgery and into the handlers.
/// </summary>
public sealed class GatewayFuzzTests
{
    private const int Seed = 8511;
    private const int Requests = 700;

    private enum Body
    {
        None,
        Form,
        Json,
    }

    private sealed record Endpoint(string Method, string Path, Body Body, string[] Names);

    private static readonly string[] PageFields = ["Code", "Method", "RememberDevice", "__mfa_csrf", "factorId", "name", "setupId", "code", "deviceId", "returnUrl", "app"];

    private static readonly string[] ApiFields = ["mfa_token", "code", "factor", "remember_device", "setup_id", "name", "reason"];

    private static readonly string[] Handlers = ["Rename", "Primary", "Remove", "Add", "Confirm", "RecoveryCodes", "ForgetDevice", "ForgetAllDevices", "TurnOff", "Skip", "Nope"];

    [Fact]
    public async Task No_input_to_any_gateway_endpoint_gets_a_server_error()
    {
        await using var admin = await AdminApiHost.StartAsync();
        var host = admin.Host;
        using var alice = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, alice, DemoUsers.Alice);
        var (_, securityPage) = await SecurityFlows.OpenAsync(alice);
        using var bob = host.NewBrowser();
        var (_, enrolPage) = await bob.FollowAsync(await BankFlows.SubmitLoginAsync(bob, DemoUsers.Bob.Name, DemoUsers.Bob.Password));
        var factorId = Assert.Single(await SecurityFlows.FactorsAsync(host, DemoUsers.Alice.Name)).Id;

        var cookies = new Dictionary<string, string?>
        {
            ["mfa-session-bank"] = alice.Cookie("mfa-session-bank"),
            ["DemoSession"] = alice.Cookie("DemoSession"),
            ["mfa-challenge"] = bob.Cookie("mfa-challenge"),
            ["mfa-antiforgery"] = alice.Cookie("mfa-antiforgery", "/.mfa/"),
            ["mfa-did"] = alice.Cookie("mfa-did"),
        };
        var genuine = new List<KeyValuePair<string, string>>
        {
            new("__mfa_csrf", SecurityFlows.Token(securityPage)),
            new("__mfa_csrf", SecurityFlows.Token(enrolPage)),
            new("factorId", factorId),
            new("Code", BankFlows.CodeAt(secret, host.Time.GetUtcNow())),
        };
        var endpoints = Endpoints(factorId);
        var fuzz = new GatewayFuzzInputs(Seed);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        var failures = new List<string>();

        for (var i = 0; i < Requests; i++)
        {
            var endpoint = fuzz.Pick(endpoints);
            using var request = Request(fuzz, endpoint, cookies, genuine, admin.Key, host.BaseAddress);
            var body = request.Content is null ? string.Empty : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync());
            var described = $"#{i} {request.Method} {request.RequestUri} [{request.Content?.Headers.ContentType}] cookie={request.Headers.Contains("Cookie")} body={body[..Math.Min(body.Length, 200)]}";
            try
            {
                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{described} -> {(int)response.StatusCode}");
                }
            }
            catch (HttpRequestException ex)
            {
                failures.Add($"{described} -> connection failed: {ex.Message}");
            }

            if (i % 50 == 49)
            {
                // Let time pass so bans expire and codes change, reaching more states than the first minute's.
                host.Time.Advance(TimeSpan.FromMinutes(3));
            }
        }

        var errors = host.Logs.Lines.Where(l => l.Level >= LogLevel.Error).Select(l => $"{l.Category}: {l.Message}").ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)) + "\n" + string.Join("\n", errors.Take(5)));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5)));
    }

    private static List<Endpoint> Endpoints(string factorId)
    {
        var admin = AdminApiHost.Api;
        return
        [
            new("GET", "/.mfa/challenge?method={q}", Body.None, []),
            new("POST", "/.mfa/challenge", Body.Form, PageFields),
            new("GET", "/.mfa/enrol", Body.None, []),
            new("POST", "/.mfa/enrol", Body.Form, PageFields),
            new("POST", "/.mfa/enrol?handler=Skip", Body.Form, PageFields),
            new("GET", "/.mfa/verify?returnUrl={q}&app={q}", Body.None, []),
            new("POST", "/.mfa/verify?returnUrl={q}", Body.Form, PageFields),
            new("GET", "/.mfa/security?app={q}&done={q}", Body.None, []),
            new("POST", "/.mfa/security?handler={handler}&app={q}", Body.Form, PageFields),
            new("POST", "/.mfa/security?handler={handler}&app=bank", Body.Form, PageFields),
            new("POST", "/.mfa/api/verify", Body.Json, ApiFields),
            new("POST", "/.mfa/api/enrol/totp", Body.Json, ApiFields),
            new("POST", "/.mfa/api/skip", Body.Json, ApiFields),
            new("GET", "/.mfa/api/security?app={q}", Body.None, []),
            new("POST", "/.mfa/api/security/factors/totp", Body.Json, ApiFields),
            new("POST", "/.mfa/api/security/factors/totp/confirm", Body.Json, ApiFields),
            new("POST", "/.mfa/api/security/factors/{id}/rename", Body.Json, ApiFields),
            new("POST", $"/.mfa/api/security/factors/{factorId}/rename", Body.Json, ApiFields),
            new("POST", "/.mfa/api/security/factors/{id}/primary", Body.Json, ApiFields),
            new("DELETE", "/.mfa/api/security/factors/{id}", Body.None, []),
            new("POST", "/.mfa/api/security/recovery-codes", Body.Json, ApiFields),
            new("DELETE", "/.mfa/api/security/devices/{id}", Body.None, []),
            new("DELETE", "/.mfa/api/security/devices", Body.None, []),
            new("POST", "/.mfa/api/security/disable", Body.Json, ApiFields),
            new("GET", $"{admin}/users/{{id}}/{{id}}", Body.None, []),
            new("POST", $"{admin}/users/bank/{{id}}/{{action}}", Body.Json, ApiFields),
            new("POST", $"{admin}/users/{{id}}/alice/unlock", Body.Json, ApiFields),
            new("GET", $"{admin}/audit?realm={{q}}&user={{q}}&type={{q}}&from={{q}}&to={{q}}&page={{q}}&page_size={{q}}", Body.None, []),
            new("GET", AdminApiHost.Document, Body.None, []),
            new("GET", "/.mfa/assets/{id}", Body.None, []),
            new("GET", "/.mfa/{id}", Body.None, []),
            new("POST", "/.mfa/{id}", Body.Form, PageFields),
            new("POST", "/login", Body.Form, ["username", "password", "returnUrl", "__RequestVerificationToken"]),
            new("GET", "/logout?returnUrl={q}", Body.None, []),
            new("POST", "/logout", Body.Form, ["__RequestVerificationToken"]),
            new("POST", "/transfer", Body.Form, ["to", "amount", "reference"]),
        ];
    }

    private static HttpRequestMessage Request(
        GatewayFuzzInputs fuzz, Endpoint endpoint, Dictionary<string, string?> cookies, List<KeyValuePair<string, string>> genuine, string adminKey, Uri baseAddress)
    {
        var path = endpoint.Path
            .Replace("{q}", fuzz.Chance(20) ? "bank" : fuzz.Encoded(), StringComparison.Ordinal)
            .Replace("{id}", fuzz.Encoded() is { Length: > 0 } id ? id : "x", StringComparison.Ordinal)
            .Replace("{handler}", fuzz.Pick(Handlers), StringComparison.Ordinal)
            .Replace("{action}", fuzz.Pick(["require-mfa", "reset", "revoke-devices", "unlock", "password-changed", "nope"]), StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), new Uri(baseAddress, path));
        request.Headers.TryAddWithoutValidation("Accept", fuzz.Pick(["text/html", "application/json", "*/*", fuzz.HeaderText()]));
        if (fuzz.Chance(85))
        {
            // Mostly as the gateway's own pages would send it, so requests get past the origin check.
            request.Headers.TryAddWithoutValidation("Origin", fuzz.Chance(90) ? baseAddress.GetLeftPart(UriPartial.Authority) : fuzz.HeaderText());
        }

        var cookie = string.Join("; ", cookies
            .Where(_ => fuzz.Chance(60))
            .Select(c => $"{c.Key}={(fuzz.Chance(75) && c.Value is not null ? c.Value : fuzz.HeaderText())}"));
        if (fuzz.Chance(10))
        {
            cookie += "; " + fuzz.HeaderText();
        }

        if (cookie.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        if (endpoint.Path.StartsWith(AdminApiHost.Api, StringComparison.Ordinal) || endpoint.Path == AdminApiHost.Document)
        {
            request.Headers.TryAddWithoutValidation("Authorization", fuzz.Chance(80) ? $"Bearer {adminKey}" : fuzz.HeaderText());
        }

        var (body, type) = endpoint.Body switch
        {
            Body.Form => (fuzz.FormBody(endpoint.Names, genuine), fuzz.Chance(90) ? "application/x-www-form-urlencoded" : fuzz.Pick(["multipart/form-data", "text/plain", "application/json", "application/x-www-form-urlencoded; charset=utf-7"])),
            Body.Json => (fuzz.JsonBody(endpoint.Names), fuzz.Chance(90) ? "application/json" : fuzz.Pick(["text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-7", "application/json; charset=\"x"])),
            _ => ((string?)null, (string?)null),
        };
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }

        return request;
    }
}
