using System.Security.Cryptography;
using MfaGateway.Apps;
using MfaGateway.Validation;
using Microsoft.IdentityModel.Tokens;

namespace MfaGateway.Configuration;

internal static class JwtSettingsCompiler
{
    private static readonly HashSet<string> SupportedAlgorithms = new(StringComparer.Ordinal)
    {
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512",
    };

    private static readonly string[] DefaultAlgorithms = ["RS256", "ES256", "PS256"];

    public static JwtSettings? Compile(JwtOptions options, string where, ICollection<ConfigError> errors)
    {
        var count = errors.Count;
        IReadOnlyList<string> algorithms = options.Algorithms.Count == 0 ? DefaultAlgorithms : options.Algorithms;
        if (options.Issuers.Count == 0)
        {
            errors.Add($"{where}:Issuers", "at least one accepted issuer is required");
        }

        if (options.Audiences.Count == 0)
        {
            errors.Add($"{where}:Audiences", "at least one accepted audience is required");
        }

        foreach (var algorithm in algorithms.Where(a => !SupportedAlgorithms.Contains(a)))
        {
            errors.Add($"{where}:Algorithms", $"'{algorithm}' is not accepted (unsigned 'none' tokens never are); use {string.Join(", ", SupportedAlgorithms)}");
        }

        var keys = new List<SecurityKey>();
        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            if (ReadKey(options.SigningKeys[i], $"{where}:SigningKeys:{i}", errors) is { } key)
            {
                keys.Add(key);
            }
        }

        // Keys that failed to read are reported on their own; here only the choice of source matters.
        var keySources = (options.SigningKeys.Count > 0 ? 1 : 0) + (options.JwksUrl is null ? 0 : 1) + (options.Authority is null ? 0 : 1);
        if (keySources != 1)
        {
            errors.Add(where, "give exactly one key source: SigningKeys, JwksUrl or Authority");
        }

        CheckUrl(options.JwksUrl, $"{where}:JwksUrl", options.RequireHttpsMetadata, errors);
        CheckUrl(options.Authority, $"{where}:Authority", options.RequireHttpsMetadata, errors);

        if (!DurationParser.TryParse(options.ClockSkew, out var skew) && options.ClockSkew != "0s")
        {
            errors.Add($"{where}:ClockSkew", $"'{options.ClockSkew}' is not a duration");
        }

        if (string.IsNullOrWhiteSpace(options.UserClaim))
        {
            errors.Add($"{where}:UserClaim", "required");
        }

        return errors.Count > count ? null : new JwtSettings(
            options.Cookie, options.Issuers, options.Audiences, options.UserClaim, algorithms, keys,
            options.JwksUrl, options.Authority, options.RequireHttpsMetadata, skew)
        {
            EmailClaim = string.IsNullOrWhiteSpace(options.EmailClaim) ? null : options.EmailClaim.Trim(),
        };
    }

    private static void CheckUrl(string? url, string where, bool requireHttps, ICollection<ConfigError> errors)
    {
        if (url is null)
        {
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add(where, $"'{url}' is not an absolute http(s) URL");
        }
        else if (requireHttps && uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add(where, $"'{url}' must use https (set RequireHttpsMetadata to false only for loopback tests)");
        }
    }

    private static SecurityKey? ReadKey(JwtKeyOptions options, string where, ICollection<ConfigError> errors)
    {
        try
        {
            if (options.Secret is not null)
            {
                var bytes = Convert.FromBase64String(options.Secret);
                if (bytes.Length < 32)
                {
                    errors.Add($"{where}:Secret", "an HMAC secret must be at least 32 bytes (256 bits) before base64");
                    return null;
                }

                return new SymmetricSecurityKey(bytes) { KeyId = options.KeyId };
            }

            var pem = options.Pem ?? (options.PemFile is null ? null : File.ReadAllText(options.PemFile));
            if (pem is null)
            {
                errors.Add(where, "give Pem, PemFile or Secret");
                return null;
            }

            return ReadPublicKey(pem, options.KeyId);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            errors.Add(where, $"the key cannot be read: {ex.Message}");
            return null;
        }
    }

    /// <summary>The PEM label ("PUBLIC KEY") does not say RSA or EC, so try EC first, then RSA.</summary>
    private static SecurityKey ReadPublicKey(string pem, string? keyId)
    {
        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec) { KeyId = keyId };
        }
        catch (CryptographicException)
        {
            ec.Dispose();
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }
}
