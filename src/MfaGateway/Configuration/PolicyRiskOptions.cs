namespace MfaGateway.Configuration;

/// <summary>A RiskBased policy's "Risk" section: Off, Challenge or Deny per trigger (each defaults to Challenge).</summary>
public sealed class PolicyRiskOptions
{
    public string? NewDevice { get; set; }

    public string? NewLocation { get; set; }

    public string? ImpossibleTravel { get; set; }

    public string? SuspiciousIp { get; set; }

    public string? AfterPasswordChange { get; set; }
}
