using MfaGateway.Storage;

namespace MfaGateway.Factors;

/// <param name="Factors">The user's enrolled factors of this factor's type.</param>
public sealed record FactorContext(FactorChallenge Challenge, UserRecord User, IReadOnlyList<FactorRecord> Factors, DateTimeOffset Now)
{
    /// <summary>The client answering, for limits counted per address (sending SMS); null when unknown.</summary>
    public System.Net.IPAddress? Client { get; init; }
}

public sealed record EnrolmentContext(FactorChallenge Challenge, UserRecord User, DateTimeOffset Now)
{
    /// <summary>The client enrolling, for limits counted per address; null when unknown.</summary>
    public System.Net.IPAddress? Client { get; init; }

    /// <summary>
    /// An address the gateway already knows for the user (from the identity source or an administrator):
    /// an email factor is enrolled to it and never to one typed in. Null: the user types one.
    /// </summary>
    public string? KnownEmail { get; init; }
}
