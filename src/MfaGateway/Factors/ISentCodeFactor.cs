namespace MfaGateway.Factors;

/// <summary>
/// "Send, then verify": the gateway sends a one-time code to something the user owns (a phone, a
/// mailbox) when the challenge is begun with this factor, and then checks the code typed back.
/// </summary>
public interface ISentCodeFactor : IChallengeFactor
{
    /// <summary>Sends a code for <paramref name="context"/>'s challenge, or says why it did not (too soon after the last one).</summary>
    Task<CodeDelivery> SendCodeAsync(FactorContext context, CancellationToken cancellationToken);

    Task<FactorVerification> VerifyCodeAsync(FactorContext context, string? code, CancellationToken cancellationToken);
}
