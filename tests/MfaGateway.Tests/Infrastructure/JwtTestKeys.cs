using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>An RSA key pair a test signs tokens with; the gateway gets its public half as PEM or as a JWKS.</summary>
public sealed class JwtRsaKey : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public JwtRsaKey(string keyId)
    {
        KeyId = keyId;
        SecurityKey = new RsaSecurityKey(_rsa) { KeyId = keyId };
    }

    public string KeyId { get; }

    public RsaSecurityKey SecurityKey { get; }

    public SigningCredentials RS256 => new(SecurityKey, SecurityAlgorithms.RsaSha256);

    public string PublicKeyPem => _rsa.ExportSubjectPublicKeyInfoPem();

    /// <summary>A JSON Web Key Set holding the public key, as an identity provider publishes it.</summary>
    public string Jwks
    {
        get
        {
            var parameters = _rsa.ExportParameters(includePrivateParameters: false);
            var key = new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
            return new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString();
        }
    }

    public void Dispose() => _rsa.Dispose();
}

/// <summary>
/// Mints tokens for the gateway's JWT identity source. Lifetimes are relative to the real clock,
/// which is where the tests' fake clock starts; the gateway checks exp/nbf against that fake clock.
/// </summary>
public static class JwtTokens
{
    public const string Issuer = "https://idp.example.test";
    public const string Audience = "echo-api";

    public static SigningCredentials HS256(byte[] secret) => new(new SymmetricSecurityKey(secret), SecurityAlgorithms.HmacSha256);

    public static string Create(
        SigningCredentials credentials,
        string subject,
        string issuer = Issuer,
        string audience = Audience,
        DateTime? notBefore = null,
        DateTime? expires = null,
        bool withExpiry = true,
        IEnumerable<Claim>? claims = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), .. claims ?? []]),
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = withExpiry ? expires ?? now.AddMinutes(10) : null,
            SigningCredentials = credentials,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token with "alg": "none" and an empty signature, built by hand (libraries refuse to make one).</summary>
    public static string Unsigned(string subject)
    {
        var now = DateTimeOffset.UtcNow;
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT" };
        return $"{Encode(header)}.{Encode(Payload(subject, now))}.";
    }

    /// <summary>The token with its payload's subject replaced, keeping the original header and signature.</summary>
    public static string WithSubject(string token, string subject)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["sub"] = subject;
        return $"{parts[0]}.{Encode(payload)}.{parts[2]}";
    }

    private static JsonObject Payload(string subject, DateTimeOffset now) => new()
    {
        ["iss"] = Issuer,
        ["aud"] = Audience,
        ["sub"] = subject,
        ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(10).ToUnixTimeSeconds(),
    };

    private static string Encode(JsonNode json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
