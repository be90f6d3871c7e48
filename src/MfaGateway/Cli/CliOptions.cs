using System.CommandLine;
using MfaGateway.Hosting;

namespace MfaGateway.Cli;

/// <summary>Options several commands share; each command gets instances of its own.</summary>
public static class CliOptions
{
    public static Option<string?> Config() => new("--config")
    {
        Description = $"The gateway's config file (default: ${GatewayHost.ConfigFileEnvironmentVariable}, else {GatewayHost.DefaultConfigFile}), as the server reads it.",
        HelpName = "path",
    };

    public static Option<string?> Reason() => new("--reason")
    {
        Description = "Why (a ticket number, \"lost phone\"); recorded in the audit log.",
        HelpName = "text",
    };
}
