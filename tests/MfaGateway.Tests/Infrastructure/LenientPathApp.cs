using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>
/// A password-only app on real Kestrel that reads paths as loosely as the stacks behind real
/// gateways do (Tomcat, Spring, PHP front controllers): case-insensitive, ";" parameters dropped,
/// "//" merged, "." and ".." resolved, "%2F" and '\' taken as '/'. It accepts any password, sets
/// <c>DemoSession</c> on login, never revokes it on logout (many apps don't), and answers anything
/// else with the path it read. Written independently of the gateway's canonicaliser on purpose.
/// </summary>
public sealed class LenientPathApp : IAsyncDisposable
{
    public const string SessionCookie = "DemoSession";

    private readonly WebApplication _app;

    private LenientPathApp(WebApplication app, string baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public string BaseAddress { get; }

    public static async Task<LenientPathApp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LenientPathApp(app, address);
    }

    /// <summary>How this app reads a path: what it routes on.</summary>
    public static string Read(string path)
    {
        var separated = path.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).Replace('\\', '/');
        var segments = new List<string>();
        foreach (var part in separated.Split('/'))
        {
            var segment = part.Split(';')[0];
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment.ToLowerInvariant());
        }

        return "/" + string.Join('/', segments);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        var read = Read(context.Request.Path.Value ?? "/");
        var post = HttpMethods.IsPost(context.Request.Method);
        if (post && read == "/login")
        {
            var form = await context.Request.ReadFormAsync();
            if (string.IsNullOrEmpty(form["username"]))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            context.Response.Cookies.Append(SessionCookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), new CookieOptions { Path = "/", HttpOnly = true });
            context.Response.Redirect("/");
            return;
        }

        if (post && read == "/account/password")
        {
            context.Response.Redirect("/account/password?changed=1");
            return;
        }

        if (read == "/logout")
        {
            context.Response.Redirect("/login");
            return;
        }

        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        await context.Response.WriteAsJsonAsync(new LenientAnswer(read, WebUtility.UrlDecode(raw)));
    }
}

/// <param name="Read">The path the app routed on.</param>
/// <param name="Target">The request target it received, for failure messages.</param>
public sealed record LenientAnswer(string Read, string Target);
