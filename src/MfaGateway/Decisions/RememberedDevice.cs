namespace MfaGateway.Decisions;

/// <summary>A device the user asked the gateway to remember, recognised on this request and still valid.</summary>
/// <param name="Factor">The factor of the MFA that trusted the device.</param>
/// <param name="TrustedAt">When that MFA happened: a step-up MaxAge counts from then, not from now.</param>
public sealed record RememberedDevice(string Id, string Factor, DateTimeOffset TrustedAt)
{
    /// <summary>How the audit log names the device when it opens a session; the decision does not read it.</summary>
    public string Browser { get; init; } = string.Empty;
}
