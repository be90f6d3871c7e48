namespace MfaGateway.Challenges;

/// <summary>What became of a request's body when a step-up interrupted it.</summary>
/// <param name="Form">Kept, to be re-submitted after MFA.</param>
/// <param name="Unsent">A form POST that will not be re-submitted, and why.</param>
/// <param name="Refusal">A form the gateway refuses outright (it cannot be read or sent back unchanged), in words for the user.</param>
public sealed record FormCapture(PreservedForm? Form = null, UnsentFormReason? Unsent = null, string? Refusal = null)
{
    /// <summary>Not a form POST: nothing to keep and nothing to tell.</summary>
    public static readonly FormCapture None = new();
}
