namespace MfaGateway.Configuration;

public sealed class TotpOptions
{
    /// <summary>SHA1 (what every authenticator app supports), SHA256 or SHA512.</summary>
    public string Algorithm { get; set; } = "SHA1";

    public int Digits { get; set; } = 6;

    /// <summary>Accepted time steps either side of now.</summary>
    public int Window { get; set; } = 1;
}
