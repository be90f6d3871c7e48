using MfaGateway.Configuration;
using MfaGateway.Sessions;
using Yarp.ReverseProxy.Transforms;

namespace MfaGateway.Proxy;

/// <summary>Names the user the gateway vouched for (user, factors, time of the MFA) in the configured upstream headers.</summary>
public sealed class SetIdentityHeadersTransform(GatewayConfigMonitor configMonitor) : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        if (GatewayRequestFeature.Of(context.HttpContext).Upstream is not { } identity)
        {
            return ValueTask.CompletedTask;
        }

        var headers = configMonitor.Current.UpstreamHeaders;
        AddHeader(context, headers.User, identity.Session.User);
        AddHeader(context, headers.Factors, identity.FactorsHeader);
        if (identity.AuthenticatedAtHeader is { } authenticatedAt)
        {
            AddHeader(context, headers.AuthenticatedAt, authenticatedAt);
        }

        return ValueTask.CompletedTask;
    }
}
