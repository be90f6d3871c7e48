using System.CommandLine;
using MfaGateway.Administration;
using MfaGateway.Configuration;
using MfaGateway.Invitations;
using MfaGateway.Storage;
using MfaGateway.Validation;

namespace MfaGateway.Cli;

/// <summary>
/// `user invite` and `user revoke-invitations`: the admin API's invitations on the host. The e-mail
/// is queued in the gateway's outbox, which a running gateway sends within a minute.
/// </summary>
public static class InvitationCommands
{
    public static Command Invite()
    {
        var (realm, name, config, reason) = (UserCommand.Realm(), UserCommand.Name(), CliOptions.Config(), CliOptions.Reason());
        var email = new Option<string>("--email") { Description = "Where the invitation goes; it becomes the user's confirmed address for notices.", Required = true };
        var app = new Option<string?>("--app") { Description = "The app whose PublicUrl the link opens (needed when the realm has several apps with one)." };
        var lifetime = new Option<string?>("--lifetime") { Description = "How long the link works, e.g. 3d or 12h (10 minutes to 30 days; 3 days by default)." };
        var command = new Command("invite", "Invite the user to set up two-step verification: prints the link (shown this once) and queues the e-mail. " +
            "Under FirstEnrolment=Invitation only the browser that opens the link can enrol the user's first factor.")
        {
            realm, name, config, email, app, lifetime, reason,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TimeSpan? span = null;
            if (parse.GetValue(lifetime) is { } text)
            {
                if (!DurationParser.TryParse(text, out var parsed))
                {
                    return await UserCommand.FailAsync(parse, CliExitCodes.UsageError, $"--lifetime: '{text}' is not a duration like 3d or 12h.", cancellationToken);
                }

                span = parsed;
            }

            return await UserCommand.RunOnGatewayAsync(parse, realm, name, config, async (services, target, ct) =>
            {
                var (created, problem) = await services.GetRequiredService<InvitationService>().CreateAsync(
                    new InvitationRequester(AdminActor.CommandLine.Name, null, null), Canonical(services, target.Realm), target.User, parse.GetValue(app), parse.GetValue(email), span, parse.GetValue(reason), ct);
                return created is null
                    ? await UserCommand.FailAsync(parse, CliExitCodes.UsageError, problem ?? "The invitation cannot be made.", ct)
                    : await UserCommand.PrintAsync(parse, new InvitationResponse(created.Id, created.Link.AbsoluteUri, created.ExpiresAt, created.Emailed), AdministrationJsonContext.Default.InvitationResponse, ct);
            },
            cancellationToken);
        });
        return command;
    }

    public static Command Revoke()
    {
        var (realm, name, config, reason) = (UserCommand.Realm(), UserCommand.Name(), CliOptions.Config(), CliOptions.Reason());
        var command = new Command("revoke-invitations", "Revoke the user's open invitations: their links stop working at once.")
        {
            realm, name, config, reason,
        };
        command.SetAction((parse, cancellationToken) => UserCommand.RunOnGatewayAsync(parse, realm, name, config, async (services, target, ct) =>
        {
            if (await services.GetRequiredService<IUserStore>().FindAsync(Canonical(services, target.Realm), target.User, ct) is not { } user)
            {
                return await UserCommand.FailAsync(parse, CliExitCodes.UserNotFound, UserCommand.UserNotFound(target), ct);
            }

            var revoked = await services.GetRequiredService<InvitationService>().RevokeAsync(new InvitationRequester(AdminActor.CommandLine.Name, null, null), user, parse.GetValue(reason), ct);
            return await UserCommand.PrintAsync(parse, new InvitationsRevokedResponse(revoked), AdministrationJsonContext.Default.InvitationsRevokedResponse, ct);
        },
        cancellationToken));
        return command;
    }

    /// <summary>Realms are stored as the app configures them; "Bank" typed means the realm "bank".</summary>
    private static string Canonical(IServiceProvider services, string realm) =>
        services.GetRequiredService<GatewayConfigMonitor>().Current.AppForRealm(realm)?.Realm ?? realm;
}
