namespace MfaGateway.Web;

public static class GatewayEndpoints
{
    /// <summary>Gateway endpoints come before any YARP route, whatever order the operator gives routes.</summary>
    public const int Order = -100_000;
}
