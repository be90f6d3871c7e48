namespace MfaGateway.Configuration;

/// <summary>"Gateway:WebAuthn": the relying party that passkeys and security keys are bound to.</summary>
public sealed class WebAuthnOptions
{
    /// <summary>
    /// The relying-party id: a registrable domain every origin below is on (the host of the apps, or a
    /// parent domain they share). Credentials are bound to it for good: changing it orphans every
    /// registered passkey. Unset: the factor is off.
    /// </summary>
    public string? RelyingPartyId { get; set; }

    /// <summary>Shown by the browser and the authenticator when a passkey is made; the gateway's Issuer when unset.</summary>
    public string? RelyingPartyName { get; set; }

    /// <summary>Each app's public origin (scheme, host, port), as the browser sends it in clientDataJSON.</summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>Preferred (default) or Required; Discouraged is refused because it lets a stolen key sign alone.</summary>
    public string UserVerification { get; set; } = "Preferred";

    /// <summary>None (default: no attestation statement is asked for or kept) or Direct.</summary>
    public string Attestation { get; set; } = "None";

    /// <summary>With Direct attestation, only authenticators of these models (AAGUIDs) may register; empty: any.</summary>
    public List<string> AllowedAaguids { get; set; } = [];

    /// <summary>Preferred (default: a passkey where the authenticator can keep one), Required or Discouraged.</summary>
    public string ResidentKey { get; set; } = "Preferred";

    /// <summary>How long the browser waits for the authenticator; also the lifetime of the ceremony's challenge.</summary>
    public string Timeout { get; set; } = "2m";

    /// <summary>
    /// What a signature counter that did not increase means (WebAuthn L3 section 7.2 step 22: a possible
    /// clone): Refuse (default) or Flag (accept, mark the credential, audit). Audited either way.
    /// </summary>
    public string CounterRegression { get; set; } = "Refuse";
}
