namespace MfaGateway.Challenges;

public enum ChallengePurpose
{
    /// <summary>Right after the app accepted a password (or a first request with an identity).</summary>
    SignIn,

    /// <summary>A session exists but its MFA is too old or of a factor the route does not accept.</summary>
    StepUp,
}
