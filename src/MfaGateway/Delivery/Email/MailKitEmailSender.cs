using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MfaGateway.Observability;
using MimeKit;

namespace MfaGateway.Delivery.Email;

/// <summary>
/// Sends through the configured SMTP server with MailKit, one connection per message (codes and
/// notifications are few; a pool would only keep stale connections). STARTTLS is required when asked
/// for, never optional; certificates are checked as the system does, or against the one configured
/// thumbprint. Faults come back as <see cref="DeliveryResult"/>: temporary ones (refused connection,
/// timeout, 4xx) can be retried, permanent ones (5xx, authentication) cannot.
/// </summary>
public sealed partial class MailKitEmailSender(IEmailSettingsSource settings, TimeProvider time, ILogger<MailKitEmailSender> logger) : IEmailSender
{
    public async Task<DeliveryResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (settings.Current is not { } current)
        {
            return DeliveryResult.Failed("e-mail is not configured (Gateway:Email)", transient: false);
        }

        MimeMessage mime;
        try
        {
            mime = Build(message, current);
        }
        catch (ParseException)
        {
            return DeliveryResult.Failed("the recipient address cannot be parsed", transient: false);
        }

        using var owned = mime;
        using var client = new SmtpClient { Timeout = (int)current.Timeout.TotalMilliseconds };
        client.ServerCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, current);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(current.Timeout);
        try
        {
            await client.ConnectAsync(current.Host, current.Port, Options(current.Security), deadline.Token);
            if (current.User is { } user)
            {
                await client.AuthenticateAsync(user, current.Password ?? string.Empty, deadline.Token);
            }

            await client.SendAsync(mime, deadline.Token);
            await client.DisconnectAsync(quit: true, deadline.Token);
            return DeliveryResult.Ok;
        }
        catch (Exception ex) when (Classify(ex, cancellationToken) is { } failure)
        {
            LogNotSent(logger, current.Host, current.Port, failure.Problem!, failure.Transient);
            return failure;
        }
    }

    private MimeMessage Build(EmailMessage message, EmailSettings current)
    {
        var mime = new MimeMessage { Subject = message.Subject, Date = time.GetUtcNow() };
        mime.From.Add(new MailboxAddress(current.FromName, current.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));

        // RFC 3834: an automatic message, so auto-responders do not answer it.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(current.FromAddress[(current.FromAddress.IndexOf('@') + 1)..]);
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    private static SecureSocketOptions Options(SmtpSecurity security) => security switch
    {
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, EmailSettings current)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only the configured certificate itself is let in besides the system's trust, and only for its name mismatch or chain.
        return current.TrustedCertificateSha256 is { } pinned && certificate is not null
            && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(pinned), SHA256.HashData(certificate.GetRawCertData()));
    }

    /// <summary>What the fault means for a retry; null for the caller's own cancellation, which is not a delivery fault.</summary>
    private static DeliveryResult? Classify(Exception ex, CancellationToken callerToken) => ex switch
    {
        OperationCanceledException when callerToken.IsCancellationRequested => null,
        OperationCanceledException or TimeoutException => DeliveryResult.Failed("the SMTP server did not answer in time", transient: true),
        SocketException socket => DeliveryResult.Failed($"cannot connect to the SMTP server ({socket.SocketErrorCode})", transient: true),
        AuthenticationException => DeliveryResult.Failed("the SMTP server refused the credentials (Gateway:Email:Smtp:User/Password)", transient: false),
        SslHandshakeException => DeliveryResult.Failed("TLS with the SMTP server failed (certificate not trusted, or no TLS)", transient: false),
        SmtpCommandException command => DeliveryResult.Failed($"the SMTP server answered {(int)command.StatusCode} to {command.ErrorCode}", transient: (int)command.StatusCode is >= 400 and < 500),
        SmtpProtocolException or ServiceNotConnectedException or IOException => DeliveryResult.Failed($"the SMTP connection failed ({ex.GetType().Name})", transient: true),
        NotSupportedException => DeliveryResult.Failed("the SMTP server does not offer what is configured (STARTTLS or AUTH)", transient: false),

        // Whatever else MailKit or the network throws must not fail the sign-in that asked for a code.
        _ => DeliveryResult.Failed($"the message could not be sent ({ex.GetType().Name})", transient: true),
    };

    [LoggerMessage(EventId = EventIds.EmailNotSent, Level = LogLevel.Warning, Message = "E-mail not sent through {Host}:{Port}: {Problem} (temporary: {Transient})")]
    private static partial void LogNotSent(ILogger logger, string host, int port, string problem, bool transient);
}
