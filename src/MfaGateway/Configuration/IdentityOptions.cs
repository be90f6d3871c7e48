namespace MfaGateway.Configuration;

public sealed class IdentityOptions
{
    /// <summary>FormLogin, TrustedHeader or Jwt.</summary>
    public string? Source { get; set; }

    public FormLoginOptions FormLogin { get; set; } = new();

    public TrustedHeaderOptions TrustedHeader { get; set; } = new();

    public JwtOptions Jwt { get; set; } = new();
}
