namespace MfaGateway.Configuration;

public sealed class UpstreamHeaderOptions
{
    public string User { get; set; } = "X-Mfa-User";

    public string Factors { get; set; } = "X-Mfa-Factors";

    public string AuthenticatedAt { get; set; } = "X-Mfa-Authenticated-At";
}
