namespace MfaGateway.Factors.Recovery;

/// <summary>A recovery code as the answer to a challenge: accepted at any challenge while the user has codes left.</summary>
public sealed class RecoveryCodeFactor(RecoveryCodeService codes) : ICodeFactor
{
    public string Type => FactorTypes.Recovery;

    public string DisplayName => "Recovery code";

    public string Instructions => "Enter one of the recovery codes you saved when you set up two-step verification. Each code works once.";

    public async Task<FactorVerification> VerifyCodeAsync(FactorContext context, string? code, CancellationToken cancellationToken) =>
        await codes.TryUseAsync(context.User.Id, code, cancellationToken)
            ? FactorVerification.Success(FactorTypes.Recovery)
            : FactorVerification.Fail(FactorRejection.Invalid);
}
