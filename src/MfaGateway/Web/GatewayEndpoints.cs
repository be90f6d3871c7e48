namespace MfaGateway.Web;

public static class GatewayEndpoints
{
    /// <summary>Orders the gateway's endpoints among themselves (they have a routing branch of their own): every named endpoint before the prefix's catch-all 404.</summary>
    public const int Order = -100_000;
}
