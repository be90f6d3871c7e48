using System.Text.Json;

namespace MfaGateway.Factors.WebAuthn;

/// <summary>
/// A passkey or security key at a challenge: options naming the user's credentials and a fresh
/// challenge, then the browser's assertion, verified by <see cref="WebAuthnCeremonies"/>.
/// </summary>
public sealed class WebAuthnFactor(WebAuthnCeremonies ceremonies, IWebAuthnSettingsSource settings) : IAssertionFactor
{
    public string Type => FactorTypes.WebAuthn;

    public string DisplayName => "Passkey or security key";

    public string Instructions => "Use your passkey or security key: your browser will ask you to confirm.";

    public async Task<AssertionRequest?> CreateOptionsAsync(FactorContext context, CancellationToken cancellationToken)
    {
        if (settings.Current is null)
        {
            return null;
        }

        var options = await ceremonies.BeginAssertionAsync(WebAuthnCeremonyOwner.For(context.Challenge, context.User), context.Challenge.UserVerification, cancellationToken);
        return options.OptionsJson is { } json ? new AssertionRequest(json, options.ExpiresAt!.Value) : null;
    }

    public async Task<FactorVerification> VerifyAssertionAsync(FactorContext context, JsonElement assertion, CancellationToken cancellationToken)
    {
        var result = await ceremonies.CompleteAssertionAsync(WebAuthnCeremonyOwner.For(context.Challenge, context.User), assertion.GetRawText(), cancellationToken);
        var regression = result is { PresentedCount: { } presented, Credential: { } stored } ? new SignCounterRegression(stored.SignCount, presented) : (SignCounterRegression?)null;
        return result.Verified
            ? FactorVerification.Success(result.Credential!.FactorId) with { CounterRegression = regression }
            : FactorVerification.Fail(result.Error) with { FactorId = result.Credential?.FactorId, CounterRegression = regression };
    }
}
