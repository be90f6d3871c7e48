namespace MfaGateway.Configuration;

public sealed class SelfServiceOptions
{
    /// <summary>Changing factors, codes or devices needs an MFA at most this old; older sessions verify again.</summary>
    public string MaxAge { get; set; } = "5m";
}
