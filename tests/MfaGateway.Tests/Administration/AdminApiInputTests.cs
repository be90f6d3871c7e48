using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MfaGateway.Enforcement;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Administration;

public sealed class AdminApiInputTests
{
    private static readonly string[] BadAuditQueries =
    [
        "page=0",
        "page=-1",
        "page=abc",
        "page=99999999999",
        "page_size=0",
        "page_size=501",
        "page_size=1.5",
        "from=yesterday",
        "to=2025-13-01",
        "from=2025-02-01&to=2025-01-01",
        "from=2025-01-01T00:00:00Z&to=2025-01-01T00:00:00Z",
        "type=Admin.Unlock",
        "type=admin.unlock;drop",
        "pagesize=10",
        "page=1&page=2",
        "user=a%00b",
        "realm=%01",
    ];

    [Fact]
    public async Task Bad_audit_queries_answer_400_saying_what_is_wrong()
    {
        await using var admin = await AdminApiHost.StartAsync();

        foreach (var query in BadAuditQueries)
        {
            var response = await admin.GetAsync($"{AdminApiHost.Api}/audit?{query}");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"?{query} answered {(int)response.StatusCode}");
            var error = await AdminApiHost.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal(ErrorCodes.InvalidRequest, error.GetProperty("error").GetString());
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error_description").GetString()));
        }
    }

    [Fact]
    public async Task Bad_bodies_are_refused_with_400_413_or_415_and_change_nothing()
    {
        await using var admin = await AdminApiHost.StartAsync();
        using var browser = admin.Host.NewBrowser();
        await BankFlows.SignInAndEnrolWithCodesAsync(admin.Host, browser, DemoUsers.Alice);
        var reset = $"{AdminApiHost.Api}/users/bank/alice/reset";

        (HttpContent Body, HttpStatusCode Expected)[] cases =
        [
            (new StringContent("reason=lost phone", Encoding.UTF8, "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType),
            (new StringContent("{\"reason\": \"x\"}", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType),
            (new ByteArrayContent(Encoding.UTF8.GetBytes("{}")), HttpStatusCode.UnsupportedMediaType),
            (Json("not json"), HttpStatusCode.BadRequest),
            (Json("[]"), HttpStatusCode.BadRequest),
            (Json("null"), HttpStatusCode.BadRequest),
            (Json("{\"reason\": 5}"), HttpStatusCode.BadRequest),
            (Json("{\"reasn\": \"typo\"}"), HttpStatusCode.BadRequest),
            (Json("{\"reason\": \"x\"} trailing"), HttpStatusCode.BadRequest),
            (Json($"{{\"reason\": \"{new string('x', 501)}\"}}"), HttpStatusCode.BadRequest),
            (Json($"{{\"reason\": \"{new string('x', 5000)}\"}}"), HttpStatusCode.RequestEntityTooLarge),
        ];

        foreach (var (body, expected) in cases)
        {
            var because = $"{body.Headers.ContentType}: {await body.ReadAsStringAsync()}";
            var response = await admin.SendAsync(HttpMethod.Post, reset, body);
            Assert.True(response.StatusCode == expected, $"{because} answered {(int)response.StatusCode}");
            Assert.Equal(ErrorCodes.InvalidRequest, (await AdminApiHost.ReadAsync(response, expected)).GetProperty("error").GetString());
        }

        Assert.Equal(1, (await admin.StatusAsync("alice")).GetProperty("factor_count").GetInt32());
    }

    [Fact]
    public async Task An_action_takes_no_body_an_empty_object_or_a_reason_that_is_audited()
    {
        await using var admin = await AdminApiHost.StartAsync();
        using var browser = admin.Host.NewBrowser();
        await BankFlows.SignInAndEnrolWithCodesAsync(admin.Host, browser, DemoUsers.Alice);

        await admin.ActAsync("unlock", "alice");
        await admin.ActAsync("unlock", "alice", "{}");
        await admin.ActAsync("unlock", "alice", "{\"reason\": \"  ticket 4711  \"}");

        var unlocks = (await admin.AuditAsync("type=admin.unlock")).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(3, unlocks.Count);
        Assert.Equal("ticket 4711", unlocks[0].GetProperty("detail").GetProperty("reason").GetString());
        Assert.False(unlocks[1].GetProperty("detail").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Unknown_user_answers_404_on_every_user_endpoint()
    {
        await using var admin = await AdminApiHost.StartAsync();

        foreach (var (method, path) in AdminApiHost.Endpoints.Where(e => e.Path.Contains("/users/", StringComparison.Ordinal)))
        {
            // require-mfa and invitations create users of configured realms, so they are asked about a realm no app has.
            var creates = path.EndsWith("/require-mfa", StringComparison.Ordinal) || (method == HttpMethod.Post && path.EndsWith("/invitations", StringComparison.Ordinal));
            var target = creates ? path.Replace("/bank/", "/nowhere/", StringComparison.Ordinal) : path.Replace("/alice", "/nobody", StringComparison.Ordinal);
            var response = await admin.SendAsync(method, target);

            var error = await AdminApiHost.ReadAsync(response, HttpStatusCode.NotFound);
            Assert.Equal(ErrorCodes.UserNotFound, error.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task Odd_paths_and_values_never_cause_a_server_error()
    {
        await using var admin = await AdminApiHost.StartAsync();
        string[] paths =
        [
            $"{AdminApiHost.Api}/users/%FF%FE/alice",
            $"{AdminApiHost.Api}/users/bank/%00",
            $"{AdminApiHost.Api}/users/bank/%20%20",
            $"{AdminApiHost.Api}/users/bank/{new string('a', 300)}",
            $"{AdminApiHost.Api}/users/{new string('r', 300)}/alice",
            $"{AdminApiHost.Api}/users/bank/alice%2Fbob",
            $"{AdminApiHost.Api}/users/bank/..%2F..%2Fetc",
            $"{AdminApiHost.Api}/users/bank/alice/unknown-action",
            $"{AdminApiHost.Api}/audit?from=0001-01-01",
            $"{AdminApiHost.Api}/audit?from=0001-01-01T00:00:00%2B14:00",
            $"{AdminApiHost.Api}/audit?to=9999-12-31T23:59:59.9999999Z",
            $"{AdminApiHost.Api}/audit?to=9999-12-31T23:59:59-14:00",
            $"{AdminApiHost.Api}/audit?page=2147483647&page_size=500",
            $"{AdminApiHost.Api}/audit?type=,,,",
            $"{AdminApiHost.Api}/audit?user=%C3%A9lodie&realm=B%C3%A4nk",
            $"{AdminApiHost.Api}/audit?{string.Join('&', Enumerable.Range(0, 100).Select(i => $"type{i}=x"))}",
        ];

        foreach (var path in paths)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                var response = await admin.SendAsync(method, path);
                Assert.True((int)response.StatusCode < 500, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        var invalidUser = await admin.GetAsync($"{AdminApiHost.Api}/users/bank/{new string('a', 300)}");
        Assert.Equal(HttpStatusCode.BadRequest, invalidUser.StatusCode);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
