using Fido2NetLib.Objects;
using MfaGateway.Factors.WebAuthn;
using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:WebAuthn": the relying party, its origins and what the ceremonies ask of authenticators.</summary>
internal static class WebAuthnCompiler
{
    private const string Section = "Gateway:WebAuthn";

    /// <summary>Whether the section names a relying party, valid or not: policies may then list the factor.</summary>
    public static bool IsConfigured(WebAuthnOptions options) => !string.IsNullOrWhiteSpace(options.RelyingPartyId);

    /// <summary>Null with no error when no relying party is configured (the factor is off).</summary>
    public static WebAuthnSettings? Compile(WebAuthnOptions options, string issuer, ICollection<ConfigError> errors)
    {
        if (string.IsNullOrWhiteSpace(options.RelyingPartyId))
        {
            if (options.Origins.Count > 0)
            {
                errors.Add($"{Section}:RelyingPartyId", "is required when Origins are listed");
            }

            return null;
        }

        var count = errors.Count;
        var rpId = options.RelyingPartyId.Trim().TrimEnd('.').ToLowerInvariant();
        if (Uri.CheckHostName(rpId) != UriHostNameType.Dns && rpId != "localhost")
        {
            // WebAuthn L3 section 5.1.4.1 step 6 / 5.1.3 step 8: an RP id is a domain; an IP address cannot be one.
            errors.Add($"{Section}:RelyingPartyId", $"'{options.RelyingPartyId}' is not a domain name (an IP address cannot be a relying-party id)");
        }

        var origins = new HashSet<string>(StringComparer.Ordinal);
        if (options.Origins.Count == 0)
        {
            errors.Add($"{Section}:Origins", "list at least one origin (each app's public https://host[:port])");
        }

        for (var i = 0; i < options.Origins.Count; i++)
        {
            if (Origin(options.Origins[i], rpId, out var origin) is { } problem)
            {
                errors.Add($"{Section}:Origins:{i}", problem);
            }
            else
            {
                origins.Add(origin!);
            }
        }

        var uv = Parse<UserVerificationRequirement>(options.UserVerification, "UserVerification", errors);
        if (uv == UserVerificationRequirement.Discouraged)
        {
            errors.Add($"{Section}:UserVerification", "Discouraged is not accepted: use Preferred or Required");
        }

        var attestation = Parse<AttestationConveyancePreference>(options.Attestation, "Attestation", errors);
        if (attestation is AttestationConveyancePreference.Indirect or AttestationConveyancePreference.Enterprise)
        {
            errors.Add($"{Section}:Attestation", $"'{options.Attestation}' is not None or Direct");
        }

        var aaguids = new HashSet<Guid>();
        for (var i = 0; i < options.AllowedAaguids.Count; i++)
        {
            if (Guid.TryParse(options.AllowedAaguids[i], out var aaguid) && aaguid != Guid.Empty)
            {
                aaguids.Add(aaguid);
            }
            else
            {
                errors.Add($"{Section}:AllowedAaguids:{i}", $"'{options.AllowedAaguids[i]}' is not an authenticator model id (a non-zero GUID)");
            }
        }

        if (options.AllowedAaguids.Count > 0 && attestation != AttestationConveyancePreference.Direct)
        {
            // Without an attestation statement the AAGUID is only the authenticator's word.
            errors.Add($"{Section}:AllowedAaguids", "needs Attestation Direct: without an attestation statement the model id is unverified");
        }

        var residentKey = Parse<ResidentKeyRequirement>(options.ResidentKey, "ResidentKey", errors);
        if (!DurationParser.TryParse(options.Timeout, out var timeout)
            || timeout < TimeSpan.FromSeconds(WebAuthnSettings.MinTimeoutSeconds)
            || timeout > TimeSpan.FromSeconds(WebAuthnSettings.MaxTimeoutSeconds))
        {
            errors.Add($"{Section}:Timeout", $"'{options.Timeout}' is not a duration from 30s to 10m");
        }

        var regression = Parse<CounterRegressionAction>(options.CounterRegression, "CounterRegression", errors);

        var name = string.IsNullOrWhiteSpace(options.RelyingPartyName) ? issuer : options.RelyingPartyName.Trim();
        return errors.Skip(count).Any(e => e.IsError)
            ? null
            : new WebAuthnSettings(rpId, name, origins, uv, attestation, aaguids, residentKey, timeout, regression);
    }

    /// <summary>Null when <paramref name="text"/> is an origin on the relying party's domain; otherwise what is wrong.</summary>
    private static string? Origin(string text, string rpId, out string? origin)
    {
        origin = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return $"'{text}' is not an http(s) origin";
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return $"'{text}' has more than scheme, host and port";
        }

        var host = uri.IdnHost.ToLowerInvariant();

        // Browsers allow WebAuthn over http only on localhost (a secure context).
        if (uri.Scheme == "http" && host != "localhost" && !host.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return $"'{text}' is http on a host other than localhost: browsers refuse WebAuthn there";
        }

        // WebAuthn L3 section 5.1.3 step 8: the RP id must be the origin's host or a registrable suffix of it.
        if (host != rpId && !host.EndsWith("." + rpId, StringComparison.Ordinal))
        {
            return $"'{text}' is not on the relying party's domain '{rpId}'";
        }

        // Serialised as the browser serialises an origin (HTML's ASCII serialisation): punycode host, no default port.
        origin = uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
        return null;
    }

    private static TEnum Parse<TEnum>(string text, string key, ICollection<ConfigError> errors)
        where TEnum : struct, Enum
    {
        if (ConfigEnum.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        errors.Add($"{Section}:{key}", ConfigEnum.NotOneOf<TEnum>(text));
        return default;
    }
}
