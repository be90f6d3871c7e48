using System.Collections.Concurrent;
using MfaGateway.Factors;

namespace MfaGateway.Tests.Factors;

/// <summary>
/// A "send, then verify" factor for tests only: it "sends" by remembering a fresh code per
/// challenge, which the test reads back as a user would from their phone.
/// </summary>
public sealed class TestSentCodeFactor : ISentCodeFactor
{
    public const string FactorType = "test-sent-code";

    private readonly ConcurrentDictionary<string, string> _sent = new(StringComparer.Ordinal);

    public string Type => FactorType;

    public string DisplayName => "Test phone";

    public string Instructions => "Enter the code we sent to your test phone.";

    public int Sends { get; private set; }

    public string? SentFor(string challengeId) => _sent.GetValueOrDefault(challengeId);

    public Task<CodeDelivery> SendCodeAsync(FactorContext context, bool resend, CancellationToken cancellationToken)
    {
        Sends++;
        _sent[context.Challenge.Id] = System.Security.Cryptography.RandomNumberGenerator.GetString("0123456789", 6);
        return Task.FromResult(CodeDelivery.SentTo("•••• 12"));
    }

    public Task<FactorVerification> VerifyCodeAsync(FactorContext context, string? code, CancellationToken cancellationToken) =>
        Task.FromResult(code is not null && SentFor(context.Challenge.Id) == code
            ? FactorVerification.Success(context.Factors[0].Id)
            : FactorVerification.Fail(FactorRejection.Invalid));
}
