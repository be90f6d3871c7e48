namespace MfaGateway.Challenges;

/// <summary>A form POST that triggered a step-up, kept so it can be re-submitted after MFA.</summary>
/// <param name="Action">Path and query the form was posted to.</param>
public sealed record PreservedForm(string Action, IReadOnlyList<KeyValuePair<string, string>> Fields);
