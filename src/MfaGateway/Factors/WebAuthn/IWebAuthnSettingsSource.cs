namespace MfaGateway.Factors.WebAuthn;

/// <summary>The relying party as the current config names it; null when WebAuthn is off.</summary>
public interface IWebAuthnSettingsSource
{
    WebAuthnSettings? Current { get; }
}
