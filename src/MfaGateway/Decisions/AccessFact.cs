namespace MfaGateway.Decisions;

/// <summary>
/// An input the decision cannot do without in this case. The decision asks for one at a time, cheapest
/// first, so a request whose live session settles it costs no lookup at all.
/// </summary>
public enum AccessFact
{
    /// <summary>Who is asking: the app's identity source has to be read (cookie, header or token).</summary>
    Identity,

    /// <summary>The user's latest password change within the risk window (memory only).</summary>
    PasswordChange,

    /// <summary>The user's record and factors (a store read).</summary>
    User,

    /// <summary>A risk assessment under a RiskBased policy (store reads, GeoIP, audit).</summary>
    Risk,

    /// <summary>Whether the request comes from a remembered device (a store read).</summary>
    TrustedDevice,
}
