using MfaGateway.Web;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace MfaGateway.Pages;

/// <summary>
/// Serves the hosted pages under the configured prefix ("/.mfa/challenge") and ranks them above
/// every YARP route, so no proxy route can shadow them.
/// </summary>
public sealed class GatewayPageRouteConvention(string prefix) : IPageRouteModelConvention
{
    public void Apply(PageRouteModel model)
    {
        foreach (var selector in model.Selectors)
        {
            var template = selector.AttributeRouteModel!.Template ?? string.Empty;
            selector.AttributeRouteModel.Template = $"{prefix.TrimStart('/')}/{template.ToLowerInvariant()}".TrimEnd('/');
            selector.AttributeRouteModel.Order = GatewayEndpoints.Order;
        }
    }
}
