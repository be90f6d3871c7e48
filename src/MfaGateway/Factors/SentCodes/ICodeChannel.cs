using System.Net;
using MfaGateway.Delivery;

namespace MfaGateway.Factors.SentCodes;

/// <summary>A code to send through a channel, with what its limits are counted by.</summary>
/// <param name="Client">The address of the browser or program that asked for it, for per-client sending limits; null when unknown.</param>
public sealed record CodeSendRequest(string Destination, string Code, CodePurpose Purpose, string App, TimeSpan Lifetime, IPAddress? Client)
{
    /// <summary>A sign-in link to send with the code, for channels that carry links (<see cref="ICodeChannel.SendsLinks"/>).</summary>
    public Uri? Link { get; init; }

    /// <summary>Whose code it is, for the audit of a refused send.</summary>
    public string Realm { get; init; } = string.Empty;

    public string User { get; init; } = string.Empty;
}

public enum CodeSendStatus
{
    Delivered,

    /// <summary>The provider failed (SMTP down, SMS gateway 5xx): nothing reached the user.</summary>
    NotDelivered,

    /// <summary>A sending limit refused it before the provider was asked.</summary>
    Limited,
}

public sealed record CodeSendResult(CodeSendStatus Status, TimeSpan? RetryAfter = null)
{
    public static readonly CodeSendResult Delivered = new(CodeSendStatus.Delivered);
    public static readonly CodeSendResult NotDelivered = new(CodeSendStatus.NotDelivered);
}

/// <summary>
/// One way a code reaches the user (e-mail, SMS): what a destination looks like, how it is shown
/// masked, and how a code is sent to it. <see cref="SentCodeFactor"/> and <see cref="SentCodeEnrolment"/>
/// do the rest the same for every channel.
/// </summary>
public interface ICodeChannel
{
    /// <summary>The factor type it serves (<see cref="FactorTypes.Email"/>, <see cref="FactorTypes.Sms"/>).</summary>
    string FactorType { get; }

    string DisplayName { get; }

    /// <summary>What to call the destination on pages ("email address", "mobile number").</summary>
    string DestinationName { get; }

    /// <summary>Whether a sign-in link can go with the code (e-mail; a text message cannot be trusted with one).</summary>
    bool SendsLinks => false;

    /// <summary>Whether the channel is configured now (a reload may turn it off).</summary>
    bool IsAvailable { get; }

    /// <summary>The canonical form of what the user typed (E.164, a lower-cased domain), or why it cannot be used.</summary>
    bool TryNormalize(string? input, out string destination, out string problem);

    /// <summary>The destination as pages show it: enough to recognise, not enough to learn it ("a•••@example.com").</summary>
    string Mask(string destination);

    Task<CodeSendResult> SendAsync(CodeSendRequest request, CancellationToken cancellationToken);
}
