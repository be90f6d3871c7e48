using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Administration;

/// <summary>The test gateway with one admin key ("ops") configured, and clients that present it or not.</summary>
public sealed class AdminApiHost : IAsyncDisposable
{
    public const string KeyName = "ops";
    public const string Api = "/.mfa/admin/api";
    public const string Document = "/.mfa/admin/openapi.json";

    /// <summary>A well-formed device id that no user has: what the device endpoints of <see cref="Endpoints"/> name.</summary>
    public const string NoSuchDevice = "AAAAAAAAAAAAAAAAAAAAAA";

    /// <summary>Every admin API endpoint, as method and path for the user alice of the bank realm.</summary>
    public static readonly (HttpMethod Method, string Path)[] Endpoints =
    [
        (HttpMethod.Get, $"{Api}/users/bank/alice"),
        (HttpMethod.Get, $"{Api}/users/bank/alice/devices"),
        (HttpMethod.Delete, $"{Api}/users/bank/alice/devices"),
        (HttpMethod.Delete, $"{Api}/users/bank/alice/devices/{NoSuchDevice}"),
        (HttpMethod.Post, $"{Api}/users/bank/alice/require-mfa"),
        (HttpMethod.Post, $"{Api}/users/bank/alice/reset"),
        (HttpMethod.Post, $"{Api}/users/bank/alice/revoke-devices"),
        (HttpMethod.Post, $"{Api}/users/bank/alice/unlock"),
        (HttpMethod.Post, $"{Api}/users/bank/alice/password-changed"),
        (HttpMethod.Post, $"{Api}/users/bank/alice/sign-out-everywhere"),
        (HttpMethod.Post, $"{Api}/users/bank/alice/invitations"),
        (HttpMethod.Delete, $"{Api}/users/bank/alice/invitations"),
        (HttpMethod.Get, $"{Api}/audit"),
    ];

    private readonly HttpClient _client;

    private AdminApiHost(GatewayTestHost host, string key)
    {
        Host = host;
        Key = key;
        _client = new HttpClient { BaseAddress = host.BaseAddress };
    }

    public GatewayTestHost Host { get; }

    public string Key { get; }

    public static async Task<AdminApiHost> StartAsync(Action<JsonObject>? configure = null)
    {
        var key = AdminKeys.NewKey();
        var host = await GatewayTestHost.StartAsync((config, _) =>
        {
            config["Gateway"]!["Admin"] = new JsonObject
            {
                ["ApiKeys"] = new JsonArray(new JsonObject { ["Name"] = KeyName, ["Sha256"] = AdminKeys.Sha256Hex(key) }),
            };
            configure?.Invoke(config);
        });
        return new AdminApiHost(host, key);
    }

    /// <summary>Sends with the configured key as a bearer token.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null) =>
        SendAsync(method, path, content, request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key));

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, Action<HttpRequestMessage> authenticate)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        authenticate(request);
        return _client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<HttpResponseMessage> PostAsync(string path, string? json = null) =>
        SendAsync(HttpMethod.Post, path, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>POSTs an action for a bank user and returns its JSON answer, which must be 200.</summary>
    public async Task<JsonElement> ActAsync(string action, string user, string? json = null)
    {
        var response = await PostAsync($"{Api}/users/bank/{user}/{action}", json);
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    public async Task<JsonElement> StatusAsync(string user, string realm = "bank") =>
        await ReadAsync(await GetAsync($"{Api}/users/{realm}/{user}"), HttpStatusCode.OK);

    public async Task<JsonElement> AuditAsync(string query) =>
        await ReadAsync(await GetAsync($"{Api}/audit?{query}"), HttpStatusCode.OK);

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Host.DisposeAsync();
    }
}
