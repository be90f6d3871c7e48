namespace MfaGateway.Administration;

/// <summary>Who performs an administrative action, as the audit log records it.</summary>
/// <param name="Name">The admin API key's configured name, or "cli" for the command line.</param>
/// <param name="ClientIp">The administrator's address; none for the command line, which runs on the host itself.</param>
public sealed record AdminActor(string Name, string? ClientIp, string? UserAgent)
{
    public static AdminActor CommandLine { get; } = new("cli", null, null);
}
