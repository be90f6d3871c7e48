namespace MfaGateway.Identity;

/// <summary>Either the user a valid token names, or why the token was refused.</summary>
public sealed record JwtValidationResult(string? User, string? Error);
