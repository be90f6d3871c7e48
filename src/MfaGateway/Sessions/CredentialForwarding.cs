namespace MfaGateway.Sessions;

/// <summary>
/// Which of an app's credentials may go with a request to the app; decided by the enforcement middleware
/// and carried in <see cref="GatewayRequestFeature"/>, read by the request transforms.
/// Absent means <see cref="None"/>: what nobody decided is withheld.
/// </summary>
public sealed class CredentialForwarding
{
    private CredentialForwarding(bool session, bool others)
    {
        Session = session;
        Others = others;
    }

    /// <summary>Nothing vouched for: the tracked session and every other credential are withheld.</summary>
    public static CredentialForwarding None { get; } = new(session: false, others: false);

    /// <summary>
    /// The tracked credential (the session the gateway bound, or the token it checked) goes with the
    /// request; other credentials do not, because they could name another user.
    /// </summary>
    public static CredentialForwarding SessionOnly { get; } = new(session: true, others: false);

    /// <summary>A Bypass route: the app sees what the client sent, minus gateway cookies and repeated credentials.</summary>
    public static CredentialForwarding All { get; } = new(session: true, others: true);

    public bool Session { get; }

    public bool Others { get; }
}
