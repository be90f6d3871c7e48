namespace MfaGateway.Identity;

/// <summary>Either the user a valid token names, or why the token was refused.</summary>
/// <param name="Email">The token's e-mail claim (Jwt:EmailClaim), unless email_verified says it is not verified.</param>
public sealed record JwtValidationResult(string? User, string? Error, string? Email = null);
