namespace MfaGateway.Factors;

/// <summary>Factor type names as written in config, stored, and sent upstream.</summary>
public static class FactorTypes
{
    public const string Totp = "totp";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Totp };
}
