namespace MfaGateway.Challenges;

/// <summary>
/// The app's answer to a successful login, withheld until MFA succeeds: its Set-Cookie headers
/// (the new app session among them) and where it wanted to send the browser.
/// </summary>
public sealed record HeldBackResponse(int StatusCode, string? Location, IReadOnlyList<string> SetCookies);
