namespace MfaGateway.Factors;

/// <summary>
/// "Send, then verify": the gateway sends a one-time code to something the user owns (a phone, a
/// mailbox) when the challenge is begun with this factor, and then checks the code typed back.
/// </summary>
public interface ISentCodeFactor : IChallengeFactor
{
    /// <summary>
    /// Sends a code for <paramref name="context"/>'s challenge, or says why it did not. Without
    /// <paramref name="resend"/> a live code is kept (showing the page again sends nothing); with it a
    /// new code replaces the live one once the resend cooldown has passed.
    /// </summary>
    Task<CodeDelivery> SendCodeAsync(FactorContext context, bool resend, CancellationToken cancellationToken);

    Task<FactorVerification> VerifyCodeAsync(FactorContext context, string? code, CancellationToken cancellationToken);

    /// <summary>The secret of a sign-in link sent with the code, in place of the code; a factor that sends no links refuses it.</summary>
    Task<FactorVerification> VerifyLinkAsync(FactorContext context, string link, CancellationToken cancellationToken) =>
        Task.FromResult(FactorVerification.Fail(FactorRejection.Invalid));
}
