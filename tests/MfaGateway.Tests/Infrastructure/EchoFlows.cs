using System.Net;
using System.Text.Json;

namespace MfaGateway.Tests.Infrastructure;

public static class EchoFlows
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>GETs an echo endpoint through the gateway and returns what the upstream received.</summary>
    public static async Task<EchoedRequest> HeadersAsync(Browser browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = JsonSerializer.Deserialize<EchoedRequest>(await response.Content.ReadAsStringAsync(), Web)!;
        return echoed with { Headers = new Dictionary<string, string>(echoed.Headers, StringComparer.OrdinalIgnoreCase) };
    }
}
