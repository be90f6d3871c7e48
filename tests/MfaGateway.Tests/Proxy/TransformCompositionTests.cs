using System.Text.Json.Nodes;
using MfaGateway.Configuration;
using MfaGateway.Proxy;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms.Builder;

namespace MfaGateway.Tests.Proxy;

/// <summary>Issue 9: one transform per job, the response ones only on routes whose app needs them, the stripping ones everywhere.</summary>
public sealed class TransformCompositionTests
{
    private static readonly string[] RequestJobs = [nameof(StripClientIdentityHeadersTransform), nameof(StripGatewayCookiesTransform), nameof(SetIdentityHeadersTransform)];

    [Fact]
    public async Task A_form_login_route_gets_the_login_and_rotation_transforms_and_no_password_change_one()
    {
        await using var host = await GatewayTestHost.StartAsync();

        var (request, response) = Applied(host, "bank");

        Assert.Equal(RequestJobs, request);
        Assert.Equal([nameof(LoginResponseTransform), nameof(AppSessionRotationTransform)], response);
    }

    [Fact]
    public async Task A_route_no_app_covers_is_still_stripped_and_gets_no_response_transform()
    {
        await using var host = await GatewayTestHost.StartAsync();
        Assert.Null(host.Monitor.Current.AppForRoute("echo"));

        var (request, response) = Applied(host, "echo");

        Assert.Equal(RequestJobs, request);
        Assert.Empty(response);
    }

    [Fact]
    public async Task A_password_change_form_adds_its_transform_before_the_rotation_one()
    {
        await using var host = await GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Apps"]!["bank"]!["PasswordChange"] = new JsonObject { ["Path"] = "/account/password" });

        var (_, response) = Applied(host, "bank");

        Assert.Equal([nameof(LoginResponseTransform), nameof(PasswordChangeResponseTransform), nameof(AppSessionRotationTransform)], response);
    }

    [Fact]
    public async Task A_reload_that_gives_the_app_a_password_change_form_changes_the_route_so_YARP_rebuilds_its_transforms()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var before = Route(host, "bank");

        var reload = await host.RewriteConfigAsync(config =>
            config["Gateway"]!["Apps"]!["bank"]!["PasswordChange"] = new JsonObject { ["Path"] = "/account/password" });

        Assert.True(reload.Accepted, string.Join(Environment.NewLine, reload.Errors));
        var after = Route(host, "bank");
        Assert.NotEqual(before, after); // YARP keeps a route's transforms while its RouteConfig stays equal
        Assert.True(RouteTransformNeeds.Of(after).HasFlag(AppTransforms.PasswordChangeResponse));
        Assert.False(RouteTransformNeeds.Of(before).HasFlag(AppTransforms.PasswordChangeResponse));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a number")]
    [InlineData("-1")]
    [InlineData("64")]
    public void A_route_without_a_readable_stamp_gets_every_response_transform(string? stamp)
    {
        var route = new RouteConfig
        {
            RouteId = "unstamped",
            Metadata = stamp is null ? null : new Dictionary<string, string> { [RouteTransformNeeds.MetadataKey] = stamp },
        };

        Assert.Equal(AppTransforms.All, RouteTransformNeeds.Of(route));
    }

    private static RouteConfig Route(GatewayTestHost host, string routeId) =>
        host.Monitor.Proxy.GetConfig().Routes.Single(r => r.RouteId == routeId);

    private static (string[] Request, string[] Response) Applied(GatewayTestHost host, string routeId)
    {
        var provider = host.Services.GetServices<ITransformProvider>().OfType<GatewayTransformProvider>().Single();
        var context = new TransformBuilderContext { Route = Route(host, routeId), Services = host.Services };

        provider.Apply(context);

        return (
            [.. context.RequestTransforms.Select(t => t.GetType().Name)],
            [.. context.ResponseTransforms.Select(t => t.GetType().Name)]);
    }
}
