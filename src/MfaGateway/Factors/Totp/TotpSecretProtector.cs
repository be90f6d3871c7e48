using Microsoft.AspNetCore.DataProtection;

namespace MfaGateway.Factors.Totp;

/// <summary>TOTP secrets are encrypted at rest with Data Protection; plaintext lives only while a code is checked.</summary>
public sealed class TotpSecretProtector(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("MfaGateway.Factor.Totp.v1");

    public byte[] Protect(byte[] secret) => _protector.Protect(secret);

    public byte[] Unprotect(byte[] protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>Decrypts a stored secret into a key for one verification; dispose it to wipe the plaintext.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">Not protected by this gateway's keys.</exception>
    public TotpKey OpenKey(byte[] protectedSecret) => new(_protector.Unprotect(protectedSecret));
}
