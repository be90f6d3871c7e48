using System.Collections.Concurrent;
using System.Text.Json;
using MfaGateway.Factors;

namespace MfaGateway.Tests.Factors;

/// <summary>
/// An "options, then assertion" factor for tests only: its options carry a nonce, and an assertion
/// that "signs" that nonce (repeats it) passes.
/// </summary>
public sealed class TestAssertionFactor : IAssertionFactor
{
    public const string FactorType = "test-assertion";

    private readonly ConcurrentDictionary<string, string> _nonces = new(StringComparer.Ordinal);

    public string Type => FactorType;

    public string DisplayName => "Test security key";

    public string Instructions => "Touch your test security key.";

    public Task<AssertionRequest?> CreateOptionsAsync(FactorContext context, CancellationToken cancellationToken)
    {
        var nonce = Guid.NewGuid().ToString("N");
        _nonces[context.Challenge.Id] = nonce;
        return Task.FromResult<AssertionRequest?>(new AssertionRequest(JsonSerializer.Serialize(new { challenge = nonce }), context.Challenge.ExpiresAt));
    }

    public Task<FactorVerification> VerifyAssertionAsync(FactorContext context, JsonElement assertion, CancellationToken cancellationToken) =>
        Task.FromResult(assertion.TryGetProperty("signed", out var signed) && _nonces.TryGetValue(context.Challenge.Id, out var nonce) && signed.GetString() == nonce
            ? FactorVerification.Success(context.Factors[0].Id)
            : FactorVerification.Fail(FactorRejection.Invalid));
}
