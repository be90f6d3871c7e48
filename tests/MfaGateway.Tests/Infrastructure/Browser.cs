using System.Net;
using System.Net.Http.Headers;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>An HTTP client that keeps cookies like a browser and lets the test follow redirects step by step.</summary>
public sealed class Browser : IDisposable
{
    private const string HtmlAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    public Browser(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = baseAddress,
        };

        // Real browsers always identify themselves; audit events and the device list record it.
        Http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");
    }

    public Uri BaseAddress { get; }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) });

    /// <summary>Set on a request to send it without the Origin header the browser would add (an old browser, a program).</summary>
    public static readonly HttpRequestOptionsKey<bool> WithoutOrigin = new("MfaGateway.Tests.WithoutOrigin");

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (request.Headers.Accept.Count == 0)
        {
            request.Headers.Accept.ParseAdd(HtmlAccept);
        }

        // As every current browser does: a POST (or any unsafe method) says which origin sent it.
        // A test that forges a request sets its own Origin, Sec-Fetch-Site or Referer instead.
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head
            && !(request.Options.TryGetValue(WithoutOrigin, out var without) && without)
            && !request.Headers.Contains("Origin") && !request.Headers.Contains("Sec-Fetch-Site") && request.Headers.Referrer is null)
        {
            request.Headers.Add("Origin", BaseAddress.GetLeftPart(UriPartial.Authority));
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Follows redirects with GET, as a browser does after 302/303, and returns the final page.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> FollowAsync(HttpResponseMessage response, int maxHops = 10)
    {
        for (var hop = 0; hop < maxHops && IsRedirect(response.StatusCode); hop++)
        {
            var location = response.Headers.Location!;
            response = await GetAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
        }

        return (response, await response.Content.ReadAsStringAsync());
    }

    public async Task<(HttpResponseMessage Response, string Body)> GetPageAsync(string url) => await FollowAsync(await GetAsync(url));

    /// <summary>Submits the form on <paramref name="html"/>: its hidden fields plus <paramref name="fields"/>.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string url, string html, params (string Name, string Value)[] fields) =>
        PostFormAsync(url, [.. HtmlPage.HiddenFields(html, url), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    public string? Cookie(string name, string path = "/") =>
        Cookies.GetCookies(new Uri(BaseAddress, path)).FirstOrDefault(c => c.Name == name)?.Value;

    public void SetCookie(string name, string value, string path = "/") =>
        Cookies.Add(new Cookie(name, value, path, BaseAddress.Host));

    /// <summary>
    /// Makes every later request look as if it came from <paramref name="address"/>: sent as
    /// X-Forwarded-For, which the gateway believes only when the test config trusts loopback as a proxy.
    /// </summary>
    public void ComeFrom(string address)
    {
        Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
        Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
    }

    public void Dispose() => Http.Dispose();

    public static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;

    public static MediaTypeWithQualityHeaderValue Json => new("application/json");
}
