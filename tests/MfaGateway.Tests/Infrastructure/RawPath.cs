namespace MfaGateway.Tests.Infrastructure;

/// <summary>
/// Requests whose path is sent exactly as written ("//login", "/login/.", "/a/../login"), which
/// HttpClient would otherwise tidy up before the gateway ever saw them.
/// </summary>
public static class RawPath
{
    public static HttpRequestMessage Request(Browser browser, HttpMethod method, string path) =>
        new(method, new Uri(browser.BaseAddress.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));

    public static Task<HttpResponseMessage> GetAsync(Browser browser, string path) =>
        browser.SendAsync(Request(browser, HttpMethod.Get, path));

    public static Task<HttpResponseMessage> PostFormAsync(Browser browser, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var request = Request(browser, HttpMethod.Post, path);
        request.Content = new FormUrlEncodedContent(fields);
        return browser.SendAsync(request);
    }
}
