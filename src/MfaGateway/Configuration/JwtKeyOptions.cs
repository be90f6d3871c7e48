namespace MfaGateway.Configuration;

public sealed class JwtKeyOptions
{
    /// <summary>PEM public key (RSA or EC).</summary>
    public string? Pem { get; set; }

    public string? PemFile { get; set; }

    /// <summary>Base64 shared secret for HS256/384/512.</summary>
    public string? Secret { get; set; }

    public string? KeyId { get; set; }
}
