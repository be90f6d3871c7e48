using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MfaGateway.Tests.Infrastructure;

namespace MfaGateway.Tests.Functional;

/// <summary>The challenge API's OpenAPI document: generated from its endpoints, public, and holding nothing of the admin API.</summary>
public sealed class ChallengeApiOpenApiTests
{
    [Fact]
    public async Task The_document_describes_verify_and_the_passkey_options_with_their_snake_case_bodies_and_no_admin_endpoint()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var client = host.NewBrowser();

        var response = await client.Http.GetAsync("/.mfa/api/openapi.json");
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["/.mfa/api/enrol/totp", "/.mfa/api/send-code", "/.mfa/api/skip", "/.mfa/api/step-up/complete", "/.mfa/api/step-up/start", "/.mfa/api/verify", "/.mfa/api/webauthn/options"], paths);

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var verify = schemas.GetProperty("VerifyRequest").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("mfa_token", verify);
        Assert.Contains("credential", verify);
        Assert.Contains("remember_device", verify);
        var options = schemas.GetProperty("WebAuthnOptionsResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["ceremony", "public_key", "expires_at", "verify_url"], options);

        var stepUpStart = schemas.GetProperty("StepUpStartRequest").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["user", "factor", "state"], stepUpStart);
        var stepUpDone = schemas.GetProperty("StepUpCompleteResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["user", "factor", "state", "verified_at"], stepUpDone);
        var sendCode = schemas.GetProperty("SendCodeRequest").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["mfa_token", "factor", "destination", "resend"], sendCode);

        var verifyOperation = document.GetProperty("paths").GetProperty("/.mfa/api/verify").GetProperty("post");
        Assert.True(verifyOperation.GetProperty("requestBody").GetProperty("required").GetBoolean());
        var statuses = verifyOperation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        Assert.Contains("200", statuses);
        Assert.Contains("400", statuses);
        Assert.Contains("429", statuses);
    }
}
