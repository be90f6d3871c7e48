using MfaGateway.Storage;

namespace MfaGateway.Factors;

/// <param name="Factors">The user's enrolled factors of this factor's type.</param>
public sealed record FactorContext(FactorChallenge Challenge, UserRecord User, IReadOnlyList<FactorRecord> Factors, DateTimeOffset Now);

public sealed record EnrolmentContext(FactorChallenge Challenge, UserRecord User, DateTimeOffset Now);
