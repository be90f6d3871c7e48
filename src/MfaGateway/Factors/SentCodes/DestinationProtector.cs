using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace MfaGateway.Factors.SentCodes;

/// <summary>
/// Phone numbers and e-mail addresses of sent-code factors are personal data: stored sealed with
/// Data Protection, bound to the user and the factor type, so a row copied to another user does not open.
/// </summary>
public sealed class DestinationProtector(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _root = dataProtection.CreateProtector("MfaGateway.Factors.Destination.v1");

    public byte[] Protect(long userId, string factorType, string destination) =>
        For(userId, factorType).Protect(Encoding.UTF8.GetBytes(destination));

    /// <summary>Null when the sealed value does not open for this user and type (copied, or another key ring).</summary>
    public string? Unprotect(long userId, string factorType, byte[] sealedDestination)
    {
        try
        {
            return Encoding.UTF8.GetString(For(userId, factorType).Unprotect(sealedDestination));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private IDataProtector For(long userId, string factorType) => _root.CreateProtector($"user:{userId}", $"type:{factorType}");
}
