namespace MfaGateway.Factors.WebAuthn;

/// <summary>
/// Enrols a passkey or security key as a user's first factor at a challenge: creation options under
/// the challenge, then the browser's attestation, stored by <see cref="WebAuthnCeremonies"/> only if
/// the user still has no factor (a second one needs an MFA first, on the security page).
/// </summary>
public sealed class WebAuthnEnrolment(WebAuthnCeremonies ceremonies) : IFactorEnrolment
{
    public string Type => FactorTypes.WebAuthn;

    /// <summary>
    /// New options each time: a page reload asks the authenticator again, and the earlier options stop
    /// being accepted (one ceremony per challenge).
    /// </summary>
    public async Task<EnrolmentPrompt?> StartAsync(EnrolmentContext context, CancellationToken cancellationToken)
    {
        var options = await ceremonies.BeginRegistrationAsync(WebAuthnCeremonyOwner.For(context.Challenge, context.User), context.Challenge.UserVerification, cancellationToken);
        return options.OptionsJson is { } json ? new WebAuthnEnrolmentPrompt(json, options.ExpiresAt!.Value) : null;
    }

    public async Task<EnrolmentOutcome> CompleteAsync(EnrolmentContext context, FactorResponse response, CancellationToken cancellationToken)
    {
        if (response.Assertion is not { } credential)
        {
            return new EnrolmentOutcome(null, EnrolmentFailure.InvalidProof, FactorRejection.Malformed);
        }

        var result = await ceremonies.CompleteRegistrationAsync(
            WebAuthnCeremonyOwner.For(context.Challenge, context.User), credential.GetRawText(), first: true, response.Name, cancellationToken);
        if (result.Error == FactorRejection.AlreadyEnrolled)
        {
            return new EnrolmentOutcome(null, EnrolmentFailure.AlreadyEnrolled);
        }

        if (result.Credential is null || result.FactorId is null)
        {
            // A missing or spent ceremony is a wrong answer here, not a dead challenge: new options fix it.
            return new EnrolmentOutcome(null, EnrolmentFailure.InvalidProof, result.Error);
        }

        return new EnrolmentOutcome(result.Factor, EnrolmentFailure.None);
    }
}
