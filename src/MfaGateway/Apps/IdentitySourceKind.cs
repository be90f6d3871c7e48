namespace MfaGateway.Apps;

public enum IdentitySourceKind
{
    /// <summary>Learned by watching the app's own login form succeed.</summary>
    FormLogin,

    /// <summary>Asserted by an SSO proxy in front, in a header, from trusted networks only.</summary>
    TrustedHeader,

    /// <summary>A JWT from the Authorization header or a cookie, verified with configured keys or a JWKS.</summary>
    Jwt,
}
