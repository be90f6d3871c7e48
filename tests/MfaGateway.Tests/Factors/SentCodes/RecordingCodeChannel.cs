using System.Collections.Concurrent;
using MfaGateway.Factors;
using MfaGateway.Factors.Email;
using MfaGateway.Factors.SentCodes;

namespace MfaGateway.Tests.Factors.SentCodes;

/// <summary>An e-mail channel for tests that keeps what it "sends" and can be told to fail, as a provider that is down would.</summary>
public sealed class RecordingCodeChannel : ICodeChannel
{
    public ConcurrentQueue<CodeSendRequest> Sent { get; } = new();

    /// <summary>While true, every send fails as a provider outage would.</summary>
    public bool Down { get; set; }

    public string FactorType => FactorTypes.Email;

    public string DisplayName => "Email";

    public string DestinationName => "email address";

    public bool IsAvailable => true;

    public string? LastCodeTo(string destination) => Sent.LastOrDefault(s => s.Destination == destination)?.Code;

    public bool TryNormalize(string? input, out string destination, out string problem) => EmailAddresses.TryNormalize(input, out destination, out problem);

    public string Mask(string destination) => EmailAddresses.Mask(destination);

    public Task<CodeSendResult> SendAsync(CodeSendRequest request, CancellationToken cancellationToken)
    {
        if (Down)
        {
            return Task.FromResult(CodeSendResult.NotDelivered);
        }

        Sent.Enqueue(request);
        return Task.FromResult(CodeSendResult.Delivered);
    }
}
