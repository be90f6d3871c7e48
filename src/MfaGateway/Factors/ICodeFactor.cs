namespace MfaGateway.Factors;

/// <summary>"Verify a code": the user already holds the code (an authenticator app, a printed recovery code).</summary>
public interface ICodeFactor : IChallengeFactor
{
    Task<FactorVerification> VerifyCodeAsync(FactorContext context, string? code, CancellationToken cancellationToken);
}
