namespace MfaGateway.Storage;

/// <param name="Consecutive">Since the last success: NIST's limit of 100 applies to this.</param>
/// <param name="InWindow">Within the regulation window: a ban starts when it reaches the limit.</param>
public sealed record FailureCounts(int Consecutive, int InWindow);
