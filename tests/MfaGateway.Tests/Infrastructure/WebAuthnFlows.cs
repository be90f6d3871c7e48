using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>A program answering the gateway's challenges with a passkey through the JSON API.</summary>
public static class WebAuthnFlows
{
    /// <summary>The origin the software authenticator reports, and the relying party it belongs to.</summary>
    public const string Origin = "https://bank.example";

    /// <summary>
    /// Names the relying party, lets sign-in accept TOTP or a passkey and makes money moves need a
    /// passkey (phishing-resistant step-up); <paramref name="stepUp"/> changes the step-up's factors.
    /// </summary>
    public static void Enable(JsonObject config, string[]? stepUp = null, string? stepUpUserVerification = null)
    {
        var gateway = config["Gateway"]!.AsObject();
        gateway["WebAuthn"] = new JsonObject { ["RelyingPartyId"] = "bank.example", ["Origins"] = new JsonArray(Origin) };
        gateway["Policies"]!["signin"]!["Factors"] = new JsonArray("totp", "webauthn");
        var sensitive = gateway["Policies"]!["sensitive"]!.AsObject();
        sensitive["Factors"] = new JsonArray([.. (stepUp ?? ["webauthn"]).Select(f => (JsonNode)f)]);
        if (stepUpUserVerification is not null)
        {
            sensitive["UserVerification"] = stepUpUserVerification;
        }
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> OptionsAsync(Browser client, string token)
    {
        var response = await client.Http.PostAsJsonAsync("/.mfa/api/webauthn/options", new { mfa_token = token });
        return (response, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>The options of a 200 answer, as the authenticator takes them.</summary>
    public static string PublicKey(JsonElement options) => options.GetProperty("public_key").GetRawText();

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> VerifyAsync(Browser client, string token, string credentialJson, string? name = null)
    {
        using var credential = JsonDocument.Parse(credentialJson);
        var response = await client.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = token, factor = "webauthn", credential = credential.RootElement, name });
        return (response, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>Signs in with the password as a script would and returns the mfa_token of the 401.</summary>
    public static async Task<string> SignInAsync(Browser client, (string Name, string Password) user) =>
        ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(client, user)).Content.ReadAsStringAsync());

    /// <summary>Signs in and enrols <paramref name="key"/> as the user's first factor through the API.</summary>
    public static async Task<JsonElement> SignInAndEnrolAsync(Browser client, (string Name, string Password) user, Factors.WebAuthn.SoftwareAuthenticator key, string? name = null)
    {
        var token = await SignInAsync(client, user);
        var (_, options) = await OptionsAsync(client, token);
        var (response, body) = await VerifyAsync(client, token, key.Register(PublicKey(options)), name);
        response.EnsureSuccessStatusCode();
        return body;
    }
}
