namespace MfaGateway.Factors;

/// <summary>Whether a sent-code factor sent its code.</summary>
/// <param name="MaskedDestination">Where it went, masked so the page can show it ("+44 •••• ••12").</param>
/// <param name="RetryAfter">When it was not sent because one was sent moments ago: how long until another may be.</param>
public sealed record CodeDelivery(bool Sent, string? MaskedDestination, TimeSpan? RetryAfter = null)
{
    public static CodeDelivery SentTo(string maskedDestination) => new(true, maskedDestination);

    public static CodeDelivery NotSent(TimeSpan retryAfter) => new(false, null, retryAfter);
}
