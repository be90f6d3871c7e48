using MfaGateway.Challenges;
using MfaGateway.Storage;

namespace MfaGateway.Factors;

/// <param name="Factors">The user's enrolled factors of this factor's type.</param>
public sealed record FactorContext(PendingChallenge Challenge, UserRecord User, IReadOnlyList<FactorRecord> Factors, DateTimeOffset Now);

public sealed record EnrolmentContext(PendingChallenge Challenge, UserRecord User, DateTimeOffset Now);
