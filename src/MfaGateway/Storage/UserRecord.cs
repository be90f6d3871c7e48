namespace MfaGateway.Storage;

/// <param name="ConsecutiveFailures">Wrong codes since the last success, across challenges and restarts.</param>
public sealed record UserRecord(long Id, string Realm, string UserName, DateTimeOffset CreatedAt, int ConsecutiveFailures);
