namespace MfaGateway.Configuration;

/// <summary>"Gateway:Email": the SMTP server codes and notifications go through. Without a Host, e-mail is off.</summary>
public sealed class EmailOptions
{
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The sender address (required with a Host), e.g. no-reply@bank.example.</summary>
    public string? From { get; set; }

    /// <summary>The sender's display name; the gateway's Issuer when unset.</summary>
    public string? FromName { get; set; }

    /// <summary>A folder of templates replacing the built-in ones ("sign-in-code.txt", "sign-in-code.html", "sign-in-code.subject.txt", ...).</summary>
    public string? TemplatesPath { get; set; }
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>Default by Security: 587 (StartTls), 465 (Tls), 25 (None).</summary>
    public int? Port { get; set; }

    /// <summary>StartTls (default), Tls (implicit), or None (a server on this machine only).</summary>
    public string Security { get; set; } = "StartTls";

    public string? User { get; set; }

    /// <summary>Better given by environment (Gateway__Email__Smtp__Password) than written in a file.</summary>
    public string? Password { get; set; }

    /// <summary>For connecting, authenticating and sending one message together.</summary>
    public string Timeout { get; set; } = "10s";

    /// <summary>A PEM or DER certificate file accepted besides the system's trust (a private CA's server), pinned by its SHA-256.</summary>
    public string? TrustedCertificate { get; set; }
}
