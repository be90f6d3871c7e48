namespace MfaGateway.SelfService;

/// <summary>
/// The security page's "Confirm it's you" step before a sensitive change: which form to post again
/// (the page handler, and the factor it acts on), what the change is in words, and the ways the
/// user can confirm it.
/// </summary>
/// <param name="Passkey">Options for the user's passkeys, issued for this step; null when they have none usable.</param>
public sealed record ProofStep(string Handler, string? FactorId, string Lead, string Button, bool Danger, ProofWays Ways, PasskeyProofPrompt? Passkey)
{
    public static ProofStep For(SensitiveChange change, string handler, string? factorId, string? factorName, ProofWays ways, PasskeyProofPrompt? passkey) => change switch
    {
        SensitiveChange.RenewRecoveryCodes => new(handler, factorId,
            "New recovery codes each let someone sign in in your place, so confirm it is you before they are made. Your old codes stop working once the new ones are shown.",
            "Generate new codes", false, ways, passkey),
        SensitiveChange.AddFactor => new(handler, factorId,
            "A new verification method signs in to your account as well as your current ones do, so confirm it is you before adding one.",
            "Continue", false, ways, passkey),
        SensitiveChange.RemoveLastFactor => new(handler, factorId,
            $"\"{factorName ?? "This method"}\" is your only verification method: removing it turns two-step verification off, and your recovery codes and remembered devices stop working too.",
            "Remove it and turn off two-step verification", true, ways, passkey),
        _ => new(handler, factorId,
            "Turning off two-step verification removes your verification methods, recovery codes and remembered devices, and signs you out everywhere.",
            "Turn off two-step verification", true, ways, passkey),
    };
}
