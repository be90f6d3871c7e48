namespace MfaGateway.Factors;

/// <summary>
/// One kind of second factor at a challenge. Verification is always two calls: <see cref="BeginAsync"/>
/// (TOTP: nothing to do; SMS/email: send a code; WebAuthn: issue assertion options) and
/// <see cref="VerifyAsync"/> (check what the user or authenticator returned).
/// </summary>
public interface IMfaFactor
{
    string Type { get; }

    /// <summary>Shown on the challenge page and in API responses.</summary>
    string DisplayName { get; }

    Task<FactorPrompt> BeginAsync(FactorContext context, CancellationToken cancellationToken);

    Task<FactorVerification> VerifyAsync(FactorContext context, FactorResponse response, CancellationToken cancellationToken);
}
