using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MfaGateway.Apps;
using MfaGateway.Observability;
using MfaGateway.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MfaGateway.Identity;

/// <summary>
/// Validates JWTs for apps whose identity source is a token: signature (configured keys, a JWKS
/// URL or an OIDC authority's keys), issuer, audience, lifetime and an allow-list of algorithms.
/// Unsigned tokens ("alg": "none") are always refused.
/// </summary>
public sealed partial class JwtIdentityValidator(IHttpClientFactory httpClients, TimeProvider time, ILogger<JwtIdentityValidator> logger)
{
    public const string HttpClientName = "jwks";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    // Keyed by the settings instance: a config reload brings new settings and so a fresh key cache.
    private readonly ConditionalWeakTable<JwtSettings, TokenValidationParameters> _parameters = [];
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _keySources = new(StringComparer.Ordinal);

    /// <summary>
    /// The token from "Authorization: Bearer" or the configured cookie. Two tokens (two Authorization
    /// values, a repeated cookie, or a header and a cookie that differ) are refused: the app could read
    /// the other one.
    /// </summary>
    public static (string? Token, string? Error) ReadToken(HttpRequest request, JwtSettings settings)
    {
        var authorizations = request.Headers.Authorization;
        if (authorizations.Count > 1)
        {
            return (null, "the request carries more than one Authorization header");
        }

        string? fromHeader = null;
        var authorization = authorizations.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            fromHeader = token.Length > 0 ? token : null;
        }

        if (settings.Cookie is null)
        {
            return (fromHeader, null);
        }

        switch (CookieHeader.Find(request.Headers.Cookie, settings.Cookie, out var cookie))
        {
            case CookiePresence.Repeated:
                return (null, $"the token cookie {settings.Cookie} was sent more than once");
            case CookiePresence.Once when cookie.Length > 0:
                return fromHeader is not null && !cookie.SequenceEqual(fromHeader)
                    ? (null, "the request carries two different tokens (Authorization header and cookie)")
                    : (fromHeader ?? cookie.ToString(), null);
            default:
                return (fromHeader, null);
        }
    }

    public async Task<JwtValidationResult> ValidateAsync(ProtectedApp app, JwtSettings settings, string token, CancellationToken cancellationToken)
    {
        if (token.Length > 16 * 1024)
        {
            return new JwtValidationResult(null, "the token is too large");
        }

        var parameters = _parameters.GetValue(settings, Build);
        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(token, parameters);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            result = new TokenValidationResult { IsValid = false, Exception = ex };
        }

        if (!result.IsValid)
        {
            var reason = Describe(result.Exception);
            LogTokenRejected(logger, app.Name, reason);
            return new JwtValidationResult(null, reason);
        }

        var user = result.Claims.TryGetValue(settings.UserClaim, out var value) ? UserName.Normalize(value?.ToString(), app.UserNameCase) : null;
        return user is null
            ? new JwtValidationResult(null, $"the token has no usable '{settings.UserClaim}' claim")
            : new JwtValidationResult(user, null, EmailOf(result.Claims, settings.EmailClaim));
    }

    /// <summary>OIDC Core 5.1: an address whose email_verified is false is the user's claim, not the provider's word.</summary>
    private static string? EmailOf(IDictionary<string, object> claims, string? claim)
    {
        if (claim is null || !claims.TryGetValue(claim, out var value) || value?.ToString() is not { Length: > 0 and <= 254 } email)
        {
            return null;
        }

        return claims.TryGetValue("email_verified", out var verified) && !string.Equals(verified?.ToString(), "true", StringComparison.OrdinalIgnoreCase) ? null : email;
    }

    private TokenValidationParameters Build(JwtSettings settings)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = settings.Issuers,
            ValidAudiences = settings.Audiences,
            ValidAlgorithms = settings.Algorithms,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) => ValidateLifetime(notBefore, expires, settings.ClockSkew),
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = settings.ClockSkew,
        };

        if (settings.StaticKeys.Count > 0)
        {
            parameters.IssuerSigningKeys = settings.StaticKeys;
        }
        else
        {
            parameters.ConfigurationManager = KeySource(settings);
        }

        return parameters;
    }

    /// <summary>Checks exp and nbf against the gateway's clock, so every time decision uses one clock.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } start && start > now + skew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = start };
        }

        if (expires.Value < now - skew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        return true;
    }

    private ConfigurationManager<OpenIdConnectConfiguration> KeySource(JwtSettings settings)
    {
        var address = settings.JwksUrl ?? settings.Authority!.TrimEnd('/') + "/.well-known/openid-configuration";
        return _keySources.GetOrAdd($"{address}|{settings.RequireHttpsMetadata}", _ =>
        {
            var documents = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = settings.RequireHttpsMetadata };
            IConfigurationRetriever<OpenIdConnectConfiguration> retriever = settings.JwksUrl is null
                ? new OpenIdConnectConfigurationRetriever()
                : new JwksRetriever();
            return new ConfigurationManager<OpenIdConnectConfiguration>(address, retriever, documents);
        });
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidIssuerException => "the token's issuer is not accepted",
        SecurityTokenInvalidAudienceException => "the token's audience is not accepted",
        SecurityTokenInvalidAlgorithmException => "the token's algorithm is not accepted",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenSignatureKeyNotFoundException => "the token's signing key is unknown",
        SecurityTokenInvalidSignatureException => "the token's signature is invalid",
        SecurityTokenMalformedException or ArgumentException => "the token is malformed",
        _ => "the token is invalid",
    };

    [LoggerMessage(EventId = EventIds.JwtRejected, Level = LogLevel.Information, Message = "JWT refused for app {App}: {Reason}")]
    private static partial void LogTokenRejected(ILogger logger, string app, string reason);
}
