using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MfaGateway.Tests.Factors.WebAuthn;

/// <summary>
/// A WebAuthn authenticator and browser in one, in the test: an ES256 key made with
/// System.Security.Cryptography, authenticator data and clientDataJSON built byte by byte
/// (W3C WebAuthn L3 sections 6.1, 6.5.1, 5.8.1), so every field can be made wrong on purpose.
/// </summary>
public sealed class SoftwareAuthenticator : IDisposable
{
    private const byte UserPresent = 0x01;
    private const byte UserVerified = 0x04;
    private const byte BackupEligible = 0x08;
    private const byte BackedUp = 0x10;
    private const byte AttestedData = 0x40;

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(32);

    public Guid Aaguid { get; init; } = Guid.Parse("6028b017-b1d4-4c02-b4b3-afcdafc96bb2");

    public uint Counter { get; set; }

    public bool Verifies { get; set; } = true;

    public bool Synced { get; init; }

    /// <summary>What getTransports() reports at registration; empty for an authenticator that reports none.</summary>
    public string[] Transports { get; init; } = ["internal"];

    /// <summary>The user handle the authenticator keeps with a discoverable credential (from the creation options).</summary>
    public byte[]? UserHandle { get; private set; }

    public void Dispose() => _key.Dispose();

    /// <summary>navigator.credentials.create() answered: the JSON a browser posts (PublicKeyCredential.toJSON()).</summary>
    public string Register(string optionsJson, Tamper? tamper = null)
    {
        tamper ??= new Tamper();
        var options = JsonNode.Parse(optionsJson)!;
        UserHandle = Base64Url(options["user"]!["id"]!.GetValue<string>());
        var rpId = tamper.RpId ?? options["rp"]!["id"]!.GetValue<string>();
        var clientData = ClientData("webauthn.create", tamper.Challenge ?? options["challenge"]!.GetValue<string>(), tamper.Origin);
        var authData = AuthenticatorData(rpId, withCredential: true);
        var attestation = new CborWriter();
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt");
        attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt");
        attestation.WriteStartMap(0);
        attestation.WriteEndMap();
        attestation.WriteTextString("authData");
        attestation.WriteByteString(authData);
        attestation.WriteEndMap();
        return new JsonObject
        {
            ["id"] = Base64Url(CredentialId),
            ["rawId"] = Base64Url(CredentialId),
            ["type"] = "public-key",
            ["response"] = new JsonObject
            {
                ["attestationObject"] = Base64Url(attestation.Encode()),
                ["clientDataJSON"] = Base64Url(clientData),
                ["transports"] = new JsonArray([.. Transports.Select(t => (JsonNode)t)]),
            },
            ["clientExtensionResults"] = new JsonObject(),
        }.ToJsonString();
    }

    /// <summary>navigator.credentials.get() answered. The counter goes up by one first, as a real authenticator's does.</summary>
    public string Assert(string optionsJson, Tamper? tamper = null)
    {
        tamper ??= new Tamper();
        var options = JsonNode.Parse(optionsJson)!;
        if (tamper.KeepCounter is not true)
        {
            Counter++;
        }

        var rpId = tamper.RpId ?? options["rpId"]!.GetValue<string>();
        var clientData = ClientData("webauthn.get", tamper.Challenge ?? options["challenge"]!.GetValue<string>(), tamper.Origin);
        var authData = AuthenticatorData(rpId, withCredential: false);
        var signature = _key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        tamper.AfterSigning?.Invoke(authData, clientData, signature);
        return new JsonObject
        {
            ["id"] = Base64Url(tamper.CredentialId ?? CredentialId),
            ["rawId"] = Base64Url(tamper.CredentialId ?? CredentialId),
            ["type"] = "public-key",
            ["response"] = new JsonObject
            {
                ["authenticatorData"] = Base64Url(authData),
                ["clientDataJSON"] = Base64Url(clientData),
                ["signature"] = Base64Url(signature),
                ["userHandle"] = tamper.UserHandle is { } handle ? Base64Url(handle) : UserHandle is null ? null : Base64Url(UserHandle),
            },
            ["clientExtensionResults"] = new JsonObject(),
        }.ToJsonString();
    }

    /// <summary>The origin the browser reports unless a test tampers with it: the relying party's app.</summary>
    public const string Origin = "https://bank.example";

    public static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static byte[] Base64Url(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    private static byte[] ClientData(string type, string challenge, string? origin) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type, challenge, origin = origin ?? Origin, crossOrigin = false }));

    private byte[] AuthenticatorData(string rpId, bool withCredential)
    {
        var flags = (byte)(UserPresent | (Verifies ? UserVerified : 0) | (Synced ? BackupEligible | BackedUp : 0) | (withCredential ? AttestedData : 0));
        var data = new List<byte>(SHA256.HashData(Encoding.UTF8.GetBytes(rpId))) { flags };
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, Counter);
        data.AddRange(counter);
        if (withCredential)
        {
            data.AddRange(Aaguid.ToByteArray(bigEndian: true));
            data.Add((byte)(CredentialId.Length >> 8));
            data.Add((byte)CredentialId.Length);
            data.AddRange(CredentialId);
            data.AddRange(CosePublicKey());
        }

        return [.. data];
    }

    /// <summary>RFC 9053 / WebAuthn section 5.8.5: an EC2 key, alg ES256 (-7), curve P-256 (1).</summary>
    private byte[] CosePublicKey()
    {
        var point = _key.ExportParameters(includePrivateParameters: false).Q;
        var cose = new CborWriter(CborConformanceMode.Ctap2Canonical);
        cose.WriteStartMap(5);
        cose.WriteInt32(1);
        cose.WriteInt32(2);
        cose.WriteInt32(3);
        cose.WriteInt32(-7);
        cose.WriteInt32(-1);
        cose.WriteInt32(1);
        cose.WriteInt32(-2);
        cose.WriteByteString(point.X!);
        cose.WriteInt32(-3);
        cose.WriteByteString(point.Y!);
        cose.WriteEndMap();
        return cose.Encode();
    }

    /// <summary>What to make wrong in one answer.</summary>
    public sealed class Tamper
    {
        public string? Origin { get; init; }

        public string? RpId { get; init; }

        /// <summary>The challenge to sign instead of the one in the options (base64url).</summary>
        public string? Challenge { get; init; }

        public byte[]? CredentialId { get; init; }

        public byte[]? UserHandle { get; init; }

        /// <summary>Answer without moving the counter on (a clone of the key would).</summary>
        public bool? KeepCounter { get; init; }

        /// <summary>Flip bytes after the signature is made: authenticator data, clientDataJSON, signature.</summary>
        public Action<byte[], byte[], byte[]>? AfterSigning { get; init; }
    }
}
