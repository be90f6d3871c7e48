using System.Text.Json;

namespace MfaGateway.Factors;

/// <summary>
/// "Options, then assertion": the gateway issues options naming a fresh challenge and the user's
/// credentials, the client's authenticator signs them, and the gateway verifies the signed assertion.
/// </summary>
public interface IAssertionFactor : IChallengeFactor
{
    /// <summary>
    /// The options the client passes to its authenticator; the factor keeps what it needs to verify the
    /// answer. Null when the factor cannot be answered now (turned off by a reload, no credential left).
    /// </summary>
    Task<AssertionRequest?> CreateOptionsAsync(FactorContext context, CancellationToken cancellationToken);

    Task<FactorVerification> VerifyAssertionAsync(FactorContext context, JsonElement assertion, CancellationToken cancellationToken);
}
