using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MfaGateway.Administration;
using MfaGateway.Configuration;
using MfaGateway.Hosting;
using MfaGateway.Identity;

namespace MfaGateway.Cli;

/// <summary>
/// `user ...`: the admin API's user actions, run on the host against the gateway's own database (the
/// one its configuration names). SQLite's WAL mode lets this run beside a running gateway. Actions are
/// audited as admin "cli", with no address.
/// </summary>
public static class UserCommand
{
    private const string RunningGatewayNote =
        "Revoked devices stop skipping the challenge at once, but a gateway that is running keeps sessions they already opened " +
        "until it restarts: its in-memory revocation list is loaded at start-up. The admin API has no such delay.";

    /// <summary>A user action: null when the user is unknown.</summary>
    private delegate Task<AdminActionResult?> UserAction(UserAdministration administration, UserReference target, string? reason, CancellationToken cancellationToken);

    public static Command Create()
    {
        var user = new Command("user", "Look up or help a user, directly in the gateway's database; safe while the gateway runs. Prints JSON.");
        user.Subcommands.Add(Status());
        user.Subcommands.Add(Action("require-mfa", "Require MFA of the user from the next sign-in, even under an Optional policy (creates the user in a configured realm if needed).",
            (a, target, reason, ct) => a.RequireMfaAsync(AdminActor.CommandLine, target, reason, ct)));
        user.Subcommands.Add(Action("reset", "Remove the user's factors and recovery codes and revoke their remembered devices; they enrol again at the next sign-in. " + RunningGatewayNote,
            (a, target, reason, ct) => a.ResetFactorsAsync(AdminActor.CommandLine, target, reason, ct)));
        user.Subcommands.Add(Action("revoke-devices", "Revoke the user's remembered devices. " + RunningGatewayNote,
            (a, target, reason, ct) => a.RevokeDevicesAsync(AdminActor.CommandLine, target, reason, ct)));
        user.Subcommands.Add(Action("unlock", "Clear the user's failure counts and lift any ban, so they can pass a challenge again.",
            (a, target, reason, ct) => a.UnlockAsync(AdminActor.CommandLine, target, reason, ct)));
        user.Subcommands.Add(Action("password-changed", "Report that the user's password changed: RiskBased policies ask for MFA again for a while, and remembered devices are revoked. " + RunningGatewayNote + " Likewise sessions a running gateway opened before the change stay valid until it restarts; new sign-ins are checked at once.",
            (a, target, reason, ct) => a.PasswordChangedAsync(AdminActor.CommandLine, target, reason, ct)));
        return user;
    }

    private static Command Status()
    {
        var (realm, name, config) = (Realm(), Name(), CliOptions.Config());
        var command = new Command("status", "Print the user's factors, recovery codes left, remembered devices, failures, lock and ban as JSON.")
        {
            realm, name, config,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, realm, name, config, AdministrationJsonContext.Default.UserStatus,
            (administration, target, ct) => administration.GetStatusAsync(AdminActor.CommandLine, target, ct), cancellationToken));
        return command;
    }

    private static Command Action(string verb, string description, UserAction action)
    {
        var (realm, name, config, reason) = (Realm(), Name(), CliOptions.Config(), CliOptions.Reason());
        var command = new Command(verb, description)
        {
            realm, name, config, reason,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, realm, name, config, AdministrationJsonContext.Default.AdminActionResult,
            (administration, target, ct) => action(administration, target, parse.GetValue(reason), ct), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync<T>(
        ParseResult parse,
        Argument<string> realm,
        Argument<string> name,
        Option<string?> config,
        JsonTypeInfo<T> output,
        Func<UserAdministration, UserReference, CancellationToken, Task<T?>> act,
        CancellationToken cancellationToken)
        where T : class
    {
        var invocation = parse.InvocationConfiguration;
        if (!UserReference.TryCreate(parse.GetValue(realm), parse.GetValue(name), out var target, out var error))
        {
            await invocation.Error.WriteLineAsync(error.AsMemory(), cancellationToken);
            return CliExitCodes.UsageError;
        }

        WebApplication gateway;
        try
        {
            gateway = BuildGateway(parse.GetValue(config));
        }
        catch (GatewayConfigurationException ex)
        {
            await invocation.Error.WriteLineAsync(ex.Message.AsMemory(), cancellationToken);
            return CliExitCodes.InvalidConfiguration;
        }

        await using (gateway)
        {
            // Validated above; folded now as the realm's apps fold user names, which only the config knows.
            var nameCase = gateway.Services.GetRequiredService<GatewayConfigMonitor>().Current.AppForRealm(target.Realm)?.UserNameCase ?? UserNameCase.Insensitive;
            UserReference.TryCreate(parse.GetValue(realm), parse.GetValue(name), out var folded, out _, nameCase);
            target = folded ?? target;
            var result = await act(gateway.Services.GetRequiredService<UserAdministration>(), target, cancellationToken);
            if (result is null)
            {
                await invocation.Error.WriteLineAsync($"The gateway has never seen user '{target.User}' in realm '{target.Realm}'.".AsMemory(), cancellationToken);
                return CliExitCodes.UserNotFound;
            }

            var indented = new JsonSerializerOptions(output.Options) { WriteIndented = true };
            await invocation.Output.WriteLineAsync(JsonSerializer.Serialize(result, (JsonTypeInfo<T>)indented.GetTypeInfo(typeof(T))).AsMemory(), cancellationToken);
            return CliExitCodes.Success;
        }
    }

    /// <summary>
    /// The gateway's services exactly as the server builds them (validated configuration, data directory,
    /// database), never started. Whatever it logs goes to stderr: stdout carries the command's JSON.
    /// </summary>
    private static WebApplication BuildGateway(string? configPath) =>
        GatewayHost.Build(GatewayConfigurationFile.HostArguments(configPath), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        });

    private static Argument<string> Realm() => new("realm") { Description = "The realm: the app's name unless the app sets Realm." };

    private static Argument<string> Name() => new("user") { Description = "The user name as the app knows it (compared ignoring case unless the app sets UserNameCase: Sensitive)." };
}
