namespace MfaGateway.Delivery;

/// <summary>A text message to one phone.</summary>
/// <param name="To">The number in E.164 (+ and digits), as validated and normalised when the user entered it.</param>
/// <param name="Body">The whole text; senders do not add to it.</param>
public sealed record SmsMessage(string To, string Body);

/// <summary>An e-mail to one mailbox, as text and as HTML (both rendered from the operator's templates).</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);

/// <summary>
/// What became of a message handed to a provider. Senders report faults here instead of throwing, so
/// a caller can answer with a clear page (a code) or retry later (a notification).
/// </summary>
/// <param name="Problem">For the log and the audit, never for the user: the provider's reason, without secrets.</param>
/// <param name="Transient">Whether trying again later may succeed (a timeout, a 5xx) rather than never (a 4xx, an address refused).</param>
public sealed record DeliveryResult(bool Delivered, string? Problem = null, bool Transient = false)
{
    public static readonly DeliveryResult Ok = new(true);

    public static DeliveryResult Failed(string problem, bool transient) => new(false, problem, transient);
}

/// <summary>Sends text messages through the configured provider (Gateway:Sms).</summary>
public interface ISmsSender
{
    Task<DeliveryResult> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends e-mail through the configured SMTP server (Gateway:Email).</summary>
public interface IEmailSender
{
    Task<DeliveryResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
