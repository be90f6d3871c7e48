using System.CommandLine;
using MfaGateway.Administration;
using MfaGateway.Devices;

namespace MfaGateway.Cli;

/// <summary>`user devices` and `user forget-device`: the admin API's device endpoints on the command line.</summary>
public static class DeviceCommands
{
    public static Command List()
    {
        var (realm, name, config) = (UserCommand.Realm(), UserCommand.Name(), CliOptions.Config());
        var command = new Command("devices", "Print the user's devices (recognised and remembered, with the id forget-device takes) as JSON.")
        {
            realm, name, config,
        };
        command.SetAction((parse, cancellationToken) => UserCommand.RunOnGatewayAsync(parse, realm, name, config, async (services, target, ct) =>
            await services.GetRequiredService<DeviceAdministration>().ListAsync(AdminActor.CommandLine, target, ct) is { } list
                ? await UserCommand.PrintAsync(parse, list, AdministrationJsonContext.Default.UserDeviceList, ct)
                : await UserCommand.FailAsync(parse, CliExitCodes.UserNotFound, UserCommand.UserNotFound(target), ct),
            cancellationToken));
        return command;
    }

    public static Command Forget(string runningGatewayNote)
    {
        var (realm, name, config, reason) = (UserCommand.Realm(), UserCommand.Name(), CliOptions.Config(), CliOptions.Reason());
        var device = new Argument<string>("device") { Description = "The device's id, as `user devices` prints it." };
        var command = new Command("forget-device", "Forget one of the user's devices: that browser is asked for a code at its next sign-in. " + runningGatewayNote)
        {
            realm, name, device, config, reason,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var id = parse.GetValue(device);
            if (!DeviceListId.IsWellFormed(id))
            {
                return await UserCommand.FailAsync(parse, CliExitCodes.UsageError, $"The device id must be 1 to {DeviceListId.MaxLength} characters of A-Z, a-z, 0-9, '-' and '_'.", cancellationToken);
            }

            return await UserCommand.RunOnGatewayAsync(parse, realm, name, config, async (services, target, ct) =>
            {
                var (userFound, result) = await services.GetRequiredService<DeviceAdministration>().ForgetAsync(AdminActor.CommandLine, target, id!, parse.GetValue(reason), ct);
                return (userFound, result) switch
                {
                    (false, _) => await UserCommand.FailAsync(parse, CliExitCodes.UserNotFound, UserCommand.UserNotFound(target), ct),
                    (true, null) => await UserCommand.FailAsync(parse, CliExitCodes.DeviceNotFound, $"User '{target.User}' in realm '{target.Realm}' has no device '{id}'.", ct),
                    (true, { } forgotten) => await UserCommand.PrintAsync(parse, forgotten, AdministrationJsonContext.Default.DevicesForgottenResult, ct),
                };
            },
            cancellationToken);
        });
        return command;
    }
}
