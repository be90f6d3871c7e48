namespace MfaGateway.Hosting;

/// <summary>URLs of the gateway's own pages and API, under the configured prefix (fixed at start-up).</summary>
public sealed class GatewayPaths(string prefix)
{
    public string Prefix { get; } = prefix;

    public string Challenge => $"{Prefix}/challenge";

    public string Enrol => $"{Prefix}/enrol";

    public string Assets => $"{Prefix}/assets";

    public string Security => $"{Prefix}/security";

    public string ApiVerify => $"{Prefix}/api/verify";

    public string ApiEnrolTotp => $"{Prefix}/api/enrol/totp";

    public string ApiSkip => $"{Prefix}/api/skip";

    public bool Owns(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
}
