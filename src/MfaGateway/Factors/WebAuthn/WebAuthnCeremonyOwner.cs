namespace MfaGateway.Factors.WebAuthn;

/// <summary>
/// Whose ceremony this is: the pending MFA challenge and its user. A ceremony's challenge is kept
/// under the MFA challenge's id and answers only for this user, no longer than either lives.
/// </summary>
public sealed record WebAuthnCeremonyOwner(string ChallengeId, string Realm, long UserId, string UserName, DateTimeOffset ChallengeExpiresAt, int PendingPerUser)
{
    public static WebAuthnCeremonyOwner For(FactorChallenge challenge, Storage.UserRecord user) =>
        new(challenge.Id, challenge.Realm, user.Id, user.UserName, challenge.ExpiresAt, challenge.PendingPerUser);
}
