namespace MfaGateway.Decisions;

/// <summary>As whom a forwarded request reaches the app.</summary>
public enum ForwardIdentity
{
    /// <summary>Nobody was identified: the app deals with the request as anonymous, and no credential of the app goes along (none was vouched for).</summary>
    Anonymous,

    /// <summary>As the user of the gateway session the request presented, with the identity headers.</summary>
    PresentedSession,

    /// <summary>A Bypass route: nothing is checked, and the app sees the client's credentials as sent.</summary>
    Unchecked,
}
