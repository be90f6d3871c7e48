using Fido2NetLib.Objects;

namespace MfaGateway.Factors;

/// <summary>
/// What a factor knows of the challenge it answers: enrolment state is keyed by the challenge's id,
/// owned by its user and kept no longer than the challenge lives.
/// </summary>
/// <param name="PendingPerUser">How many challenges a user may have pending at once, which bounds the enrolments they can have open.</param>
/// <param name="UserVerification">What the challenge's policy asks of a WebAuthn authenticator; null: the gateway's setting.</param>
/// <param name="SignInLink">Where a sign-in link points, its secret to be appended ("https://bank.example/.mfa/link/"); null when the policy sends no links.</param>
public sealed record FactorChallenge(string Id, string Realm, string User, DateTimeOffset ExpiresAt, int PendingPerUser, UserVerificationRequirement? UserVerification = null, string? SignInLink = null);
