using MfaGateway.Web;

namespace MfaGateway.Administration;

/// <summary>Where the admin API and its OpenAPI document live, under the gateway's prefix.</summary>
public static class AdminPaths
{
    public static string Api(GatewayPaths paths) => $"{paths.Prefix}/admin/api";

    public static string OpenApiDocument(GatewayPaths paths) => $"{paths.Prefix}/admin/openapi.json";
}
