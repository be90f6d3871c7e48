namespace MfaGateway.Factors;

/// <summary>Why a sent-code factor sent no code now.</summary>
public enum CodeDeliveryProblem
{
    None,

    /// <summary>One was sent moments ago: it is still the one to type, and another may be sent after <see cref="CodeDelivery.RetryAfter"/>.</summary>
    TooSoon,

    /// <summary>The provider (SMTP server, SMS gateway) failed: no code is waiting, and sending again may work.</summary>
    NotDelivered,

    /// <summary>A sending limit (per number, address, country, or the gateway's own cap) refused it.</summary>
    Limited,
}

/// <summary>Whether a sent-code factor sent its code.</summary>
/// <param name="MaskedDestination">Where it went (or the live code went), masked so the page can show it ("+44 •••• ••12").</param>
/// <param name="RetryAfter">When none was sent now: how long until another may be.</param>
public sealed record CodeDelivery(bool Sent, string? MaskedDestination, TimeSpan? RetryAfter = null, CodeDeliveryProblem Problem = CodeDeliveryProblem.None)
{
    public static CodeDelivery SentTo(string maskedDestination) => new(true, maskedDestination);

    /// <summary>The code sent before is still live: nothing new was sent.</summary>
    public static CodeDelivery AlreadySent(string? maskedDestination, TimeSpan? retryAfter) =>
        new(false, maskedDestination, retryAfter, retryAfter is null ? CodeDeliveryProblem.None : CodeDeliveryProblem.TooSoon);

    public static CodeDelivery NotSent(TimeSpan retryAfter) => new(false, null, retryAfter, CodeDeliveryProblem.TooSoon);

    public static CodeDelivery Failed(string maskedDestination) => new(false, maskedDestination, null, CodeDeliveryProblem.NotDelivered);

    public static CodeDelivery Refused(TimeSpan? retryAfter) => new(false, null, retryAfter, CodeDeliveryProblem.Limited);

    /// <summary>A code the user can type is waiting (sent now or moments ago).</summary>
    public bool CodeWaiting => Sent || Problem is CodeDeliveryProblem.None or CodeDeliveryProblem.TooSoon && MaskedDestination is not null;
}
