namespace MfaGateway.Tests.Infrastructure;

/// <summary>Damage a protected token the way an attacker editing a cookie would.</summary>
public static class Tamper
{
    /// <summary>The token with one character changed at <paramref name="index"/> (still base64url, so only the MAC can catch it).</summary>
    public static string FlipCharacter(string token, int index) =>
        token[..index] + (token[index] == 'A' ? 'B' : 'A') + token[(index + 1)..];
}
