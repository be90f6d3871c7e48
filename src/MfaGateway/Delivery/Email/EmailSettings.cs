namespace MfaGateway.Delivery.Email;

public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which must succeed (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,

    /// <summary>No encryption: only to a server on this machine (a local relay).</summary>
    None,
}

/// <summary>How the gateway sends e-mail ("Gateway:Email"), compiled and checked with the other config errors.</summary>
/// <param name="TrustedCertificateSha256">A server certificate accepted besides those the system trusts (a private CA's or a test server's), by SHA-256 thumbprint.</param>
public sealed record EmailSettings(
    string Host,
    int Port,
    SmtpSecurity Security,
    string? User,
    string? Password,
    TimeSpan Timeout,
    string FromAddress,
    string FromName,
    string? TrustedCertificateSha256,
    EmailTemplates Templates);

/// <summary>The e-mail section of the current configuration; null when no SMTP server is configured (e-mail is off).</summary>
public interface IEmailSettingsSource
{
    EmailSettings? Current { get; }
}
