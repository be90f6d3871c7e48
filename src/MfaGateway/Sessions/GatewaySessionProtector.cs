using System.Security.Cryptography;
using System.Text;
using MfaGateway.Risk;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace MfaGateway.Sessions;

/// <summary>
/// Serialises a <see cref="GatewaySession"/> compactly and protects it with Data Protection
/// (AES-256-CBC + HMAC-SHA256 by default). Anything that fails to decrypt, verify or parse is
/// treated as no session at all.
/// </summary>
public sealed class GatewaySessionProtector(IDataProtectionProvider dataProtection)
{
    /// <summary>
    /// Version 2 added DeviceId and GraceUntil, 3 the risk clearance, 4 the id, epoch and own password
    /// change; tokens of other versions are no session (an older token could not be ended).
    /// </summary>
    private const byte FormatVersion = 4;

    private readonly IDataProtector _protector = dataProtection.CreateProtector("MfaGateway.Session.v1");

    public string Protect(GatewaySession session)
    {
        using var buffer = new MemoryStream(128);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(session.App);
            writer.Write(session.User);
            writer.Write(session.Binding);
            writer.Write(session.IssuedAt.ToUnixTimeMilliseconds());
            writer.Write(session.ExpiresAt.ToUnixTimeMilliseconds());
            writer.Write(session.MfaAt?.ToUnixTimeMilliseconds() ?? 0);
            writer.Write((byte)session.Factors.Count);
            foreach (var factor in session.Factors)
            {
                writer.Write(factor);
            }

            writer.Write(session.DeviceId ?? string.Empty);
            writer.Write(session.GraceUntil?.ToUnixTimeMilliseconds() ?? 0);
            writer.Write(session.RiskClearedAt?.ToUnixTimeMilliseconds() ?? 0);
            writer.Write((int)session.RiskCleared);
            writer.Write(session.Id);
            writer.Write(session.Epoch ?? 0);
            writer.Write(session.OwnPasswordChangeAt?.ToUnixTimeMilliseconds() ?? 0);
        }

        return WebEncoders.Base64UrlEncode(_protector.Protect(buffer.ToArray()));
    }

    public GatewaySession? Unprotect(string? protectedValue)
    {
        if (string.IsNullOrEmpty(protectedValue) || protectedValue.Length > 4096)
        {
            return null;
        }

        try
        {
            var plain = _protector.Unprotect(WebEncoders.Base64UrlDecode(protectedValue));
            using var reader = new BinaryReader(new MemoryStream(plain), Encoding.UTF8);
            if (reader.ReadByte() != FormatVersion)
            {
                return null;
            }

            var app = reader.ReadString();
            var user = reader.ReadString();
            var binding = reader.ReadString();
            var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            var mfaAt = reader.ReadInt64();
            var factors = new string[reader.ReadByte()];
            for (var i = 0; i < factors.Length; i++)
            {
                factors[i] = reader.ReadString();
            }

            var deviceId = reader.ReadString();
            var graceUntil = reader.ReadInt64();
            var riskClearedAt = reader.ReadInt64();
            var riskCleared = (RiskTriggers)reader.ReadInt32();
            var id = reader.ReadString();
            var epoch = reader.ReadInt64();
            var ownPasswordChange = reader.ReadInt64();
            return new GatewaySession(app, user, factors, mfaAt == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(mfaAt), issuedAt, expiresAt, binding)
            {
                DeviceId = deviceId.Length == 0 ? null : deviceId,
                GraceUntil = graceUntil == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(graceUntil),
                RiskClearedAt = riskClearedAt == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(riskClearedAt),
                RiskCleared = riskClearedAt == 0 ? RiskTriggers.None : riskCleared,
                Id = id,
                Epoch = epoch,
                OwnPasswordChangeAt = ownPasswordChange == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(ownPasswordChange),
            };
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or EndOfStreamException or IOException or ArgumentException)
        {
            return null;
        }
    }
}
