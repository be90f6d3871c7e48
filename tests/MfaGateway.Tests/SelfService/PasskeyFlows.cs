using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MfaGateway.Audit;
using MfaGateway.Tests.Factors.WebAuthn;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.SelfService;

/// <summary>Passkeys on the security page and its API, answered by a <see cref="SoftwareAuthenticator"/> in place of the browser.</summary>
public static partial class PasskeyFlows
{
    public const string Start = $"{SecurityFlows.Api}/factors/webauthn";
    public const string Confirm = $"{SecurityFlows.Api}/factors/webauthn/confirm";
    public const string ProofStart = $"{SecurityFlows.Api}/proof/webauthn";

    /// <summary>The test gateway with Gateway:WebAuthn naming the origin the software authenticator reports.</summary>
    public static Task<GatewayTestHost> StartHostAsync(Action<JsonObject>? configure = null) =>
        GatewayTestHost.StartAsync((config, _) =>
        {
            Configure(config);
            configure?.Invoke(config);
        });

    public static void Configure(JsonObject config) =>
        config["Gateway"]!["WebAuthn"] = new JsonObject
        {
            ["RelyingPartyId"] = "bank.example",
            ["Origins"] = new JsonArray(SoftwareAuthenticator.Origin),
        };

    /// <summary>POST start on the API; returns the set-up id and the creation options as JSON text.</summary>
    /// <param name="proofCode">The proof a user with a factor already needs (<see cref="SecurityFlows.ProofCode"/>).</param>
    public static async Task<(string SetupId, string Options)> StartAsync(Browser browser, string? proofCode = null)
    {
        var started = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, Start, proofCode is null ? null : new { code = proofCode });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var json = await SecurityFlows.JsonOf(started);
        return (json.GetProperty("setup_id").GetString()!, json.GetProperty("options").GetRawText());
    }

    public static Task<HttpResponseMessage> ConfirmAsync(Browser browser, string setupId, string credential, string? name = null) =>
        SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, Confirm, new JsonObject
        {
            ["setup_id"] = setupId,
            ["credential"] = JsonNode.Parse(credential),
            ["name"] = name,
        });

    /// <summary>Adds <paramref name="key"/> through the API; returns the new factor's id.</summary>
    /// <param name="proofCode">The proof a user with a factor already needs (<see cref="SecurityFlows.ProofCode"/>).</param>
    public static async Task<string> AddAsync(Browser browser, SoftwareAuthenticator key, string? name = null, string? proofCode = null)
    {
        var (setupId, options) = await StartAsync(browser, proofCode);
        var added = await ConfirmAsync(browser, setupId, key.Register(options), name);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return (await SecurityFlows.JsonOf(added)).GetProperty("factor").GetProperty("id").GetString()!;
    }

    /// <summary>Options for a passkey proof of a sensitive change, from the API; returns the proof id and the request options.</summary>
    public static async Task<(string ProofId, string Options)> StartProofAsync(Browser browser)
    {
        var started = await SecurityFlows.SendJsonAsync(browser, HttpMethod.Post, ProofStart);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var json = await SecurityFlows.JsonOf(started);
        return (json.GetProperty("proof_id").GetString()!, json.GetProperty("options").GetRawText());
    }

    /// <summary>The JSON body of a change proven with a passkey's answer to a proof's options.</summary>
    public static JsonObject Proof(string proofId, string assertion) => new()
    {
        ["proof_id"] = proofId,
        ["credential"] = JsonNode.Parse(assertion),
    };

    /// <summary>The creation options the page hands its script, in the form's data-options attribute.</summary>
    public static string OptionsOf(string html)
    {
        var match = OptionsAttribute().Match(html);
        Assert.True(match.Success, "the page has no data-webauthn=\"create\" form with options");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The request options of the page's passkey form (data-webauthn="get"), and its proof id.</summary>
    public static (string ProofId, string Options) ProofOptionsOf(string html)
    {
        var match = ProofForm().Match(html);
        Assert.True(match.Success, "the page has no data-webauthn=\"get\" form with options and a proof id");
        return (WebUtility.HtmlDecode(match.Groups[2].Value), WebUtility.HtmlDecode(match.Groups[1].Value));
    }

    /// <summary>The audit events of one type, written through first.</summary>
    public static async Task<IReadOnlyList<AuditEvent>> AuditedAsync(GatewayTestHost host, string type) =>
        (await host.Services.GetRequiredService<FlushingAuditStore>().QueryAsync(new AuditQuery(Types: [type]), default)).Events;

    [GeneratedRegex("<form[^>]*data-webauthn=\"create\"[^>]*data-options=\"([^\"]+)\"")]
    private static partial Regex OptionsAttribute();

    [GeneratedRegex("<form[^>]*data-webauthn=\"get\"[^>]*data-options=\"([^\"]+)\"[^>]*>(?:(?!</form>).)*?name=\"proofId\" value=\"([^\"]+)\"", RegexOptions.Singleline)]
    private static partial Regex ProofForm();
}
