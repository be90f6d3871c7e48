namespace MfaGateway.Regulation;

public enum RegulationVerdict
{
    /// <summary>NIST SP 800-63B 5.2.2: too many consecutive wrong codes; an administrator must unlock.</summary>
    Locked,

    /// <summary>Too many wrong codes in a window from this user or client address: refused for a while.</summary>
    Banned,
}
