namespace MfaGateway.Factors;

/// <summary>
/// One kind of second factor at a challenge. A factor is exactly one of three kinds, which the
/// challenge flow drives without knowing the factor: <see cref="ICodeFactor"/> (verify a code the user
/// already has: TOTP, recovery codes), <see cref="ISentCodeFactor"/> (send a code, then verify it:
/// SMS, e-mail) and <see cref="IAssertionFactor"/> (issue options, then verify the authenticator's
/// assertion: WebAuthn). <see cref="FactorSet"/> refuses anything else at start-up.
/// </summary>
public interface IChallengeFactor
{
    /// <summary>The factor type as stored with the user's factors and named in policies (<see cref="FactorTypes"/>).</summary>
    string Type { get; }

    /// <summary>Shown on the challenge page and in API responses.</summary>
    string DisplayName { get; }

    /// <summary>What the user is asked to do, shown with the prompt.</summary>
    string Instructions { get; }
}
