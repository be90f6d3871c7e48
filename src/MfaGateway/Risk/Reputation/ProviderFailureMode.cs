namespace MfaGateway.Risk.Reputation;

/// <summary>What a reputation provider that times out, fails or answers nonsense means for an address.</summary>
public enum ProviderFailureMode
{
    /// <summary>Not suspicious: an outage of the provider must not challenge every user.</summary>
    Open,

    /// <summary>Suspicious: where an unchecked address is worse than an extra MFA prompt.</summary>
    Closed,
}
