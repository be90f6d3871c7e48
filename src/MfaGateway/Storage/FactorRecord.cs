namespace MfaGateway.Storage;

/// <param name="ProtectedSecret">The factor's secret, encrypted with ASP.NET Core Data Protection.</param>
/// <param name="Settings">Factor-specific settings as JSON (for TOTP: algorithm, digits, period).</param>
/// <param name="LastTimeStep">The last accepted TOTP time step; only later steps are accepted.</param>
/// <param name="IsPrimary">Offered first at a challenge; exactly one factor of a user is primary.</param>
public sealed record FactorRecord(
    string Id,
    long UserId,
    string Type,
    string Name,
    byte[] ProtectedSecret,
    string Settings,
    long? LastTimeStep,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    bool IsPrimary = false);
