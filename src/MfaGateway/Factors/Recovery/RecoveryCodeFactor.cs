namespace MfaGateway.Factors.Recovery;

/// <summary>A recovery code as the answer to a challenge: accepted at any challenge while the user has codes left.</summary>
public sealed class RecoveryCodeFactor(RecoveryCodeService codes) : IMfaFactor
{
    public string Type => FactorTypes.Recovery;

    public string DisplayName => "Recovery code";

    public Task<FactorPrompt> BeginAsync(FactorContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new FactorPrompt(Type, "Enter one of the recovery codes you saved when you set up two-step verification. Each code works once."));

    public async Task<FactorVerification> VerifyAsync(FactorContext context, FactorResponse response, CancellationToken cancellationToken) =>
        await codes.TryUseAsync(context.User.Id, response.Code, cancellationToken)
            ? FactorVerification.Success(FactorTypes.Recovery)
            : FactorVerification.Fail(FactorRejection.Invalid);
}
