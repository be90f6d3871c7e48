namespace MfaGateway.Decisions;

public enum SignInAgainCause
{
    /// <summary>An app session the gateway never saw created (it predates the gateway or was made around it).</summary>
    UnknownAppSession,

    /// <summary>The app's session cookie came more than once: the gateway and the app could read different users.</summary>
    RepeatedCredential,
}
