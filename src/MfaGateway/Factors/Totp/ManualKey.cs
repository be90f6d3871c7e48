namespace MfaGateway.Factors.Totp;

/// <summary>How a TOTP secret is shown for typing by hand.</summary>
public static class ManualKey
{
    /// <summary>The base32 key in groups of four, as authenticator apps display and accept it.</summary>
    public static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4)))));
}
