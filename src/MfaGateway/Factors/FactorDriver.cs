namespace MfaGateway.Factors;

/// <summary>
/// Drives a factor by its kind: the one place the challenge flow (and the security page's code
/// check) branches on kinds, so a new factor only needs an implementation of one of them.
/// </summary>
public static class FactorDriver
{
    /// <summary>
    /// Nothing to do for a code factor; sends the code, or issues assertion options, for the other
    /// kinds. Null when an assertion factor cannot issue options now.
    /// </summary>
    /// <param name="resend">The user asked for a new code (sent-code factors only).</param>
    public static async Task<FactorPrompt?> BeginAsync(IChallengeFactor factor, FactorContext context, CancellationToken cancellationToken, bool resend = false) => factor switch
    {
        ICodeFactor code => new CodePrompt(code.Type, code.Instructions),
        ISentCodeFactor sent => new SentCodePrompt(sent.Type, sent.Instructions, await sent.SendCodeAsync(context, resend, cancellationToken)),
        IAssertionFactor assertion => await assertion.CreateOptionsAsync(context, cancellationToken) is { } request
            ? new AssertionPrompt(assertion.Type, assertion.Instructions, request)
            : null,
        _ => throw Unsupported(factor),
    };

    /// <summary>Checks the answer with the part of it the factor's kind takes; a missing assertion simply fails.</summary>
    public static async Task<FactorVerification> VerifyAsync(IChallengeFactor factor, FactorContext context, FactorResponse response, CancellationToken cancellationToken) => factor switch
    {
        ICodeFactor code => await code.VerifyCodeAsync(context, response.Code, cancellationToken),
        ISentCodeFactor sent => response.Link is { } link
            ? await sent.VerifyLinkAsync(context, link, cancellationToken)
            : await sent.VerifyCodeAsync(context, response.Code, cancellationToken),
        IAssertionFactor assertion => response.Assertion is { } signed
            ? await assertion.VerifyAssertionAsync(context, signed, cancellationToken)
            : FactorVerification.Fail(FactorRejection.Malformed),
        _ => FactorVerification.Fail(FactorRejection.Invalid),
    };

    // FactorSet refuses such a factor at start-up; this is only reached with one built by hand.
    private static InvalidOperationException Unsupported(IChallengeFactor factor) =>
        new($"Factor '{factor.Type}' ({factor.GetType().Name}) is none of the kinds the challenge flow drives.");
}
