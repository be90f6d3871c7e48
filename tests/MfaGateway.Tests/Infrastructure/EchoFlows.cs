using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>Requests to the echo upstream through the gateway, returning what the upstream received.</summary>
public static class EchoFlows
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>A client that asks for JSON, as an API client does.</summary>
    public static HttpClient ApiClient(GatewayTestHost host)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Accept.Add(Browser.Json);
        return client;
    }

    /// <summary>GET /echo/headers; the echo is null when the answer did not come from the upstream.</summary>
    public static async Task<(HttpResponseMessage Response, EchoedRequest? Echoed)> GetAsync(HttpClient client, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/headers");
        foreach (var (name, value) in headers)
        {
            Assert.True(request.Headers.TryAddWithoutValidation(name, value), $"could not add header {name}");
        }

        var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK ? (response, await ReadAsync(response)) : (response, null);
    }

    /// <summary>GETs an echo endpoint through the gateway as a browser and returns what the upstream received.</summary>
    public static async Task<EchoedRequest> HeadersAsync(Browser browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync(response);
    }

    private static async Task<EchoedRequest> ReadAsync(HttpResponseMessage response)
    {
        var echoed = (await response.Content.ReadFromJsonAsync<EchoedRequest>(Web))!;
        return echoed with { Headers = new Dictionary<string, string>(echoed.Headers, StringComparer.OrdinalIgnoreCase) };
    }
}
