using System.CommandLine;

namespace MfaGateway.Cli;

/// <summary>
/// The gateway executable's commands. Only a first argument naming a command (or asking for help)
/// leads here; anything else, no arguments or ASP.NET Core options such as --urls and --config,
/// starts the server as before.
/// </summary>
public static class GatewayCommandLine
{
    private static readonly string[] Triggers = ["validate", "user", "admin-key", "health", "--help", "-h", "-?", "--version"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Triggers.Contains(args[0], StringComparer.Ordinal);

    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand(
            "MFA Gateway: a reverse proxy that adds multi-factor authentication in front of web applications. " +
            "Without a command it starts the gateway (ASP.NET Core options such as --urls and --config apply). " +
            CliExitCodes.Summary)
        {
            ValidateCommand.Create(),
            UserCommand.Create(),
            AdminKeyCommand.Create(),
            HealthCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
