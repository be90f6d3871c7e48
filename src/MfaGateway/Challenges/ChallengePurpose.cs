namespace MfaGateway.Challenges;

public enum ChallengePurpose
{
    /// <summary>Right after the app accepted a password (or a first request with an identity).</summary>
    SignIn,

    /// <summary>A session exists but its MFA is too old or of a factor the route does not accept.</summary>
    StepUp,

    /// <summary>
    /// Opened by an app's backend through the step-up API, answered there too: the hosted pages and the
    /// challenge API treat it as unknown, so its id cannot be turned into a gateway session.
    /// </summary>
    AppStepUp,
}
