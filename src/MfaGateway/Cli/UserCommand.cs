using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MfaGateway.Administration;
using MfaGateway.Apps;
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
    internal const string RunningGatewayNote =
        "Revoked devices stop skipping the challenge at once, but a gateway that is running keeps sessions they already opened " +
        "until it restarts: its in-memory revocation list is loaded at start-up. The admin API has no such delay.";

    private const string SessionsNote = "Every session of the user ends; a running gateway notices within seconds.";

    /// <summary>A user action: null when the user is unknown.</summary>
    private delegate Task<AdminActionResult?> UserAction(UserAdministration administration, UserReference target, string? reason, CancellationToken cancellationToken);

    public static Command Create()
    {
        var user = new Command("user", "Look up or help a user, directly in the gateway's database; safe while the gateway runs. Prints JSON.");
        user.Subcommands.Add(Status());
        user.Subcommands.Add(Action("require-mfa", "Require MFA of the user from the next sign-in, even under an Optional policy (creates the user in a configured realm if needed).",
            (a, target, reason, ct) => a.RequireMfaAsync(AdminActor.CommandLine, target, reason, ct)));
        user.Subcommands.Add(Action("reset", "Remove the user's factors and recovery codes and forget their devices; they enrol again at the next sign-in. " + SessionsNote + " " + RunningGatewayNote,
            (a, target, reason, ct) => a.ResetFactorsAsync(AdminActor.CommandLine, target, reason, ct)));
        user.Subcommands.Add(Action("sign-out-everywhere", "End every session of the user (all browsers, all API sessions): they sign in again. " + SessionsNote,
            (a, target, reason, ct) => a.SignOutEverywhereAsync(AdminActor.CommandLine, target, reason, ct)));
        user.Subcommands.Add(Action("revoke-devices", "Forget all the user's devices, remembered and recognised: each browser is asked for a code at its next sign-in. " + RunningGatewayNote,
            (a, target, reason, ct) => a.RevokeDevicesAsync(AdminActor.CommandLine, target, reason, ct)));
        user.Subcommands.Add(Action("unlock", "Clear the user's failure counts and lift any ban, so they can pass a challenge again.",
            (a, target, reason, ct) => a.UnlockAsync(AdminActor.CommandLine, target, reason, ct)));
        user.Subcommands.Add(Action("password-changed", "Report that the user's password changed: RiskBased policies ask for MFA again for a while, and remembered devices are revoked. " + SessionsNote + " " + RunningGatewayNote,
            (a, target, reason, ct) => a.PasswordChangedAsync(AdminActor.CommandLine, target, reason, ct)));
        user.Subcommands.Add(InvitationCommands.Invite());
        user.Subcommands.Add(InvitationCommands.Revoke());
        user.Subcommands.Add(DeviceCommands.List());
        user.Subcommands.Add(DeviceCommands.Forget(RunningGatewayNote));
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

    private static Task<int> RunAsync<T>(
        ParseResult parse,
        Argument<string> realm,
        Argument<string> name,
        Option<string?> config,
        JsonTypeInfo<T> output,
        Func<UserAdministration, UserReference, CancellationToken, Task<T?>> act,
        CancellationToken cancellationToken)
        where T : class =>
        RunOnGatewayAsync(parse, realm, name, config, async (services, target, ct) =>
        {
            var result = await act(services.GetRequiredService<UserAdministration>(), target, ct);
            return result is null
                ? await FailAsync(parse, CliExitCodes.UserNotFound, UserNotFound(target), ct)
                : await PrintAsync(parse, result, output, ct);
        },
        cancellationToken);

    /// <summary>Checks the user named on the command line, builds the gateway's services and runs <paramref name="run"/> with them.</summary>
    /// <returns>The exit code: <paramref name="run"/>'s, or a usage or configuration error.</returns>
    internal static async Task<int> RunOnGatewayAsync(
        ParseResult parse,
        Argument<string> realm,
        Argument<string> name,
        Option<string?> config,
        Func<IServiceProvider, UserReference, CancellationToken, Task<int>> run,
        CancellationToken cancellationToken)
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
            return await run(gateway.Services, folded ?? target, cancellationToken);
        }
    }

    /// <summary>Prints <paramref name="result"/> as indented JSON on stdout; exit code 0.</summary>
    internal static async Task<int> PrintAsync<T>(ParseResult parse, T result, JsonTypeInfo<T> output, CancellationToken cancellationToken)
    {
        var indented = new JsonSerializerOptions(output.Options) { WriteIndented = true };
        await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(result, (JsonTypeInfo<T>)indented.GetTypeInfo(typeof(T))).AsMemory(), cancellationToken);
        return CliExitCodes.Success;
    }

    /// <summary>Writes <paramref name="message"/> on stderr and returns <paramref name="exitCode"/>.</summary>
    internal static async Task<int> FailAsync(ParseResult parse, int exitCode, string message, CancellationToken cancellationToken)
    {
        await parse.InvocationConfiguration.Error.WriteLineAsync(message.AsMemory(), cancellationToken);
        return exitCode;
    }

    internal static string UserNotFound(UserReference target) => $"The gateway has never seen user '{target.User}' in realm '{target.Realm}'.";

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

    internal static Argument<string> Realm() => new("realm") { Description = "The realm: the app's name unless the app sets Realm." };

    internal static Argument<string> Name() => new("user") { Description = "The user name as the app knows it (compared ignoring case unless the app sets UserNameCase: Sensitive)." };
}
