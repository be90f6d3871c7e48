using System.Collections.Concurrent;
using System.Net;
using MfaGateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace MfaGateway.Tests.Hosting;

/// <summary>
/// The hosted pages live in a branch of the pipeline of their own: a proxied request pays for none of
/// the middleware the pages need (WebApplication would otherwise put authentication in front of it).
/// </summary>
public sealed class HostedPagesBranchTests
{
    [Fact]
    public async Task Proxied_request_runs_without_the_pages_authentication_middleware()
    {
        var seen = new ConcurrentQueue<ProxiedRequest>();
        await using var host = await GatewayTestHost.StartAsync(services: services => services.AddSingleton<ITransformProvider>(new RecordingTransforms(seen)));
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await client.GetAsync("/echo/headers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(seen);
        Assert.False(request.Authenticated, "ASP.NET authentication middleware ran on a proxied request");
    }

    [Fact]
    public async Task Hosted_pages_and_health_still_answer_under_the_prefix()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var health = await client.GetAsync("/.mfa/health");
        using var unknown = await client.GetAsync("/.mfa/no-such-page");
        using var asset = await client.GetAsync("/.mfa/assets/gateway.css");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("healthy", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("DENY", Assert.Single(unknown.Headers.GetValues("X-Frame-Options")));
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
    }

    private sealed record ProxiedRequest(bool Authenticated);

    /// <summary>Looks at the gateway's HttpContext of every proxied request as YARP builds the upstream request.</summary>
    private sealed class RecordingTransforms(ConcurrentQueue<ProxiedRequest> seen) : ITransformProvider
    {
        public void ValidateRoute(TransformRouteValidationContext context)
        {
        }

        public void ValidateCluster(TransformClusterValidationContext context)
        {
        }

        public void Apply(TransformBuilderContext context) => context.AddRequestTransform(transform =>
        {
            seen.Enqueue(new ProxiedRequest(transform.HttpContext.Features.Get<IAuthenticationFeature>() is not null));
            return ValueTask.CompletedTask;
        });
    }
}
