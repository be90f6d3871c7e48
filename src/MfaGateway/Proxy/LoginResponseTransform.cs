using MfaGateway.Enforcement;
using MfaGateway.Sessions;
using Yarp.ReverseProxy.Transforms;

namespace MfaGateway.Proxy;

/// <summary>Hands the app's answer to a login submission to the form-login interceptor, which holds it back or releases it.</summary>
public sealed class LoginResponseTransform(FormLoginInterceptor formLogin) : ResponseTransform
{
    public override ValueTask ApplyAsync(ResponseTransformContext context) =>
        context.ProxyResponse is not null && GatewayRequestFeature.Of(context.HttpContext).Login is { } attempt
            ? new ValueTask(formLogin.OnLoginResponseAsync(context, attempt))
            : ValueTask.CompletedTask;
}
