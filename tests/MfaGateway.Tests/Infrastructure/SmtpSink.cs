using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for the whole test run: Debian's aiosmtpd (tests/smtp/smtp_sink.py) on two
/// loopback ports, STARTTLS and implicit TLS with a certificate made here, AUTH for one user. Started
/// once, on first use; tests tell their messages apart by recipient. Fails loudly when python3 or
/// aiosmtpd is missing (scripts/test.sh installs python3-aiosmtpd).
/// </summary>
public sealed class SmtpSink
{
    public const string User = "gateway";
    public const string Password = "smtp-test-password";

    private static readonly Lazy<Task<SmtpSink>> Instance = new(StartAsync);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private SmtpSink(int startTlsPort, int tlsPort, string folder, string certificatePath)
    {
        StartTlsPort = startTlsPort;
        TlsPort = tlsPort;
        Folder = folder;
        CertificatePath = certificatePath;
    }

    public int StartTlsPort { get; }

    public int TlsPort { get; }

    public string Folder { get; }

    /// <summary>The server's certificate (PEM): what Gateway:Email:Smtp:TrustedCertificate pins.</summary>
    public string CertificatePath { get; }

    /// <summary>The Gateway:Email section that sends through this server (STARTTLS and AUTH unless another port is given), its certificate pinned.</summary>
    public System.Text.Json.Nodes.JsonObject GatewayEmail(int? port = null) => new()
    {
        ["Smtp"] = new System.Text.Json.Nodes.JsonObject
        {
            ["Host"] = "127.0.0.1",
            ["Port"] = port ?? StartTlsPort,
            ["User"] = User,
            ["Password"] = Password,
            ["Timeout"] = "5s",
            ["TrustedCertificate"] = CertificatePath,
        },
        ["From"] = "no-reply@bank.example",
    };

    public static Task<SmtpSink> SharedAsync() => Instance.Value;

    /// <summary>The next message to <paramref name="to"/> (whose subject has <paramref name="subject"/>, when given) not yet returned by this method.</summary>
    public async Task<MimeMessage> NextMessageToAsync(string to, TimeSpan? timeout = null, string? subject = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal))
            {
                lock (_gate)
                {
                    if (_read.Contains(file))
                    {
                        continue;
                    }
                }

                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address.Equals(to, StringComparison.OrdinalIgnoreCase))
                    && (subject is null || (message.Subject ?? string.Empty).Contains(subject, StringComparison.Ordinal)))
                {
                    lock (_gate)
                    {
                        if (_read.Add(file))
                        {
                            return message;
                        }
                    }
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No e-mail to {to}{(subject is null ? "" : $" about '{subject}'")} reached the test SMTP server ({Folder}) in time.");
    }

    /// <summary>How many messages to <paramref name="to"/> (about <paramref name="subject"/>, when given) the server has accepted so far.</summary>
    public int CountTo(string to, string? subject = null) => Directory.GetFiles(Folder, "*.eml")
        .Select(file => MimeMessage.Load(file))
        .Count(message => message.To.Mailboxes.Any(m => m.Address.Equals(to, StringComparison.OrdinalIgnoreCase))
            && (subject is null || (message.Subject ?? string.Empty).Contains(subject, StringComparison.Ordinal)));

    /// <summary>A loopback port nothing listens on: an SMTP server that is down.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<SmtpSink> StartAsync()
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var script = Path.Combine(RepositoryRoot.Path, "tests", "smtp", "smtp_sink.py");
        var directory = Directory.CreateTempSubdirectory("mfa-smtp-").FullName;
        var (certificate, key) = WriteCertificate(directory);
        var (startTls, tls) = (ClosedPort(), ClosedPort());
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--starttls-port", $"{startTls}", "--tls-port", $"{tls}", "--folder", Path.Combine(directory, "mail"), "--cert", certificate, "--key", key, "--user", User, "--password", Password })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new InvalidOperationException($"The test SMTP server needs python3 with aiosmtpd (Debian: python3-aiosmtpd; scripts/test.sh installs it): {ex.Message}", ex);
        }

        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready != "READY")
        {
            var errors = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(5));
            throw new InvalidOperationException($"The test SMTP server (tests/smtp/smtp_sink.py) did not start: {errors}");
        }

        // Closing stdin stops it when the test run ends; the process dies with the runner anyway.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                process.StandardInput.Close();
                process.WaitForExit(2000);
            }
            catch (InvalidOperationException)
            {
            }
        };
        return new SmtpSink(startTls, tls, Path.Combine(directory, "mail"), certificate);
    }

    private static (string Certificate, string Key) WriteCertificate(string directory)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        var certificatePath = Path.Combine(directory, "server.pem");
        var keyPath = Path.Combine(directory, "server.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
