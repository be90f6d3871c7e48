using System.CommandLine;
using MfaGateway.Validation;

namespace MfaGateway.Cli;

/// <summary>`validate`: checks a config file as start-up would, for CI and before a deployment.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var config = CliOptions.Config();
        var command = new Command("validate", "Check the configuration as the server would at start-up (gateway and proxy rules), listing every error. Creates nothing.")
        {
            config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (path, errors) = GatewayConfigurationFile.Validate(parse.GetValue(config));
            var invocation = parse.InvocationConfiguration;
            if (errors.HasErrors())
            {
                await invocation.Error.WriteLineAsync(ConfigErrorListing.Format(errors).AsMemory(), cancellationToken);
                return CliExitCodes.InvalidConfiguration;
            }

            // Warnings do not stop the server, so they do not fail the check either; they are still shown.
            foreach (var warning in errors)
            {
                await invocation.Error.WriteLineAsync(warning.ToString().AsMemory(), cancellationToken);
            }

            await invocation.Output.WriteLineAsync($"{path}: configuration is valid".AsMemory(), cancellationToken);
            return CliExitCodes.Success;
        });
        return command;
    }
}
