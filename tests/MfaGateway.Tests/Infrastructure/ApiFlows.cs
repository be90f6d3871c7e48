using System.Text.Json;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>A program (not a browser) signing in to the demo bank through the gateway.</summary>
public static class ApiFlows
{
    /// <summary>Submits the login form like a script would, asking for JSON: the gateway answers 401 mfa_required.</summary>
    public static async Task<HttpResponseMessage> SubmitLoginAsApiAsync(Browser client, (string Name, string Password) user)
    {
        var (_, form) = await client.GetPageAsync("/login");
        var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent([.. HtmlPage.HiddenFields(form, "/login"), new("username", user.Name), new("password", user.Password)]),
        };
        request.Headers.Accept.Add(Browser.Json);
        return await client.SendAsync(request);
    }

    public static string MfaToken(string json) => JsonDocument.Parse(json).RootElement.GetProperty("mfa_token").GetString()!;
}
