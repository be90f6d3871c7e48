namespace MfaGateway.Configuration;

public sealed class SessionOptions
{
    /// <summary>Base name of the gateway session cookie; over HTTPS it gets the "__Host-" prefix.</summary>
    public string CookieName { get; set; } = "mfa-session";

    /// <summary>Absolute lifetime of a gateway session after MFA.</summary>
    public string Lifetime { get; set; } = "12h";

    /// <summary>Request header an API client may use instead of the cookie.</summary>
    public string Header { get; set; } = "X-Mfa-Session";
}

public sealed class TotpOptions
{
    /// <summary>SHA1 (what every authenticator app supports), SHA256 or SHA512.</summary>
    public string Algorithm { get; set; } = "SHA1";

    public int Digits { get; set; } = 6;

    /// <summary>Accepted time steps either side of now.</summary>
    public int Window { get; set; } = 1;
}

public sealed class ChallengeOptions
{
    public string Lifetime { get; set; } = "5m";

    /// <summary>A challenge dies after this many wrong codes.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>NIST SP 800-63B 5.2.2: at most 100 consecutive failures per user.</summary>
    public int MaxConsecutiveUserFailures { get; set; } = 100;

    /// <summary>Largest form body kept for re-submission after a step-up.</summary>
    public int MaxPreservedFormBytes { get; set; } = 64 * 1024;
}

public sealed class UpstreamHeaderOptions
{
    public string User { get; set; } = "X-Mfa-User";

    public string Factors { get; set; } = "X-Mfa-Factors";

    public string AuthenticatedAt { get; set; } = "X-Mfa-Authenticated-At";
}
