namespace MfaGateway.Retention;

public sealed record RetentionSettings(TimeSpan Audit, TimeSpan KnownDevices, TimeSpan KnownPlaces, TimeSpan ExpiredTrustedDevices, TimeSpan Interval, int BatchSize);
