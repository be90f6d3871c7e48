using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MfaGateway.Delivery.Email;
using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:Email": the SMTP server, sender and templates, every problem listed at once.</summary>
internal static class EmailCompiler
{
    private const string Section = "Gateway:Email";

    public static bool IsConfigured(EmailOptions options) => !string.IsNullOrWhiteSpace(options.Smtp.Host);

    /// <summary>Null with no error when no SMTP server is configured (e-mail is off).</summary>
    public static EmailSettings? Compile(EmailOptions options, string issuer, ICollection<ConfigError> errors)
    {
        var smtp = options.Smtp;
        if (!IsConfigured(options))
        {
            if (options.From is not null || smtp.User is not null)
            {
                errors.Add($"{Section}:Smtp:Host", "is required when the e-mail section is filled in");
            }

            return null;
        }

        var count = errors.Count;
        var host = smtp.Host!.Trim();
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors.Add($"{Section}:Smtp:Host", $"'{smtp.Host}' is not a host name or address");
        }

        if (!ConfigEnum.TryParse<SmtpSecurity>(smtp.Security, out var security))
        {
            errors.Add($"{Section}:Smtp:Security", ConfigEnum.NotOneOf<SmtpSecurity>(smtp.Security));
        }
        else if (security == SmtpSecurity.None && !IsLoopback(host))
        {
            errors.Add($"{Section}:Smtp:Security", $"None sends codes in clear text: only allowed to a server on this machine, not '{host}' (use StartTls or Tls)");
        }

        var port = smtp.Port ?? security switch { SmtpSecurity.Tls => 465, SmtpSecurity.None => 25, _ => 587 };
        if (port is < 1 or > 65535)
        {
            errors.Add($"{Section}:Smtp:Port", $"{port} is not a port");
        }

        if (smtp.User is not null && string.IsNullOrEmpty(smtp.Password))
        {
            errors.Add($"{Section}:Smtp:Password", "is required with a User");
        }

        if (!DurationParser.TryParse(smtp.Timeout, out var timeout) || timeout > TimeSpan.FromMinutes(2))
        {
            errors.Add($"{Section}:Smtp:Timeout", $"'{smtp.Timeout}' is not a positive duration of at most 2 minutes");
        }

        if (string.IsNullOrWhiteSpace(options.From) || !MailAddress.TryCreate(options.From, out var from) || from.Address != options.From.Trim())
        {
            errors.Add($"{Section}:From", $"'{options.From}' is not one e-mail address (the sender, e.g. no-reply@example.com)");
        }

        var pinned = smtp.TrustedCertificate is null ? null : Thumbprint(smtp.TrustedCertificate, errors);
        var problems = new List<(string File, string Problem)>();
        var templates = EmailTemplates.Load(options.TemplatesPath, problems);
        foreach (var (file, problem) in problems)
        {
            errors.Add($"{Section}:TemplatesPath", $"{file}: {problem}");
        }

        return errors.Count == count
            ? new EmailSettings(host, port, security, smtp.User, smtp.Password, timeout, options.From!.Trim(), options.FromName ?? issuer, pinned, templates)
            : null;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static string? Thumbprint(string path, ICollection<ConfigError> errors)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Pem(File.ReadAllBytes(path)));
            return Convert.ToHexString(SHA256.HashData(certificate.RawData));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or FormatException)
        {
            errors.Add($"{Section}:Smtp:TrustedCertificate", $"'{path}' is not a readable PEM or DER certificate ({ex.Message})");
            return null;
        }
    }

    /// <summary>PEM text to DER bytes; DER passes through.</summary>
    private static byte[] Pem(byte[] contents)
    {
        var text = System.Text.Encoding.ASCII.GetString(contents);
        return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text).RawData
            : contents;
    }
}
