using System.Globalization;
using MfaGateway.Apps;
using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Factors.Email;
using MfaGateway.Factors.SentCodes;
using MfaGateway.Networking;
using MfaGateway.Observability;
using MfaGateway.Storage;
using MfaGateway.Web;

namespace MfaGateway.Invitations;

/// <summary>Who asked for an invitation, as the audit records them.</summary>
public sealed record InvitationRequester(string Name, string? ClientIp, string? UserAgent);

/// <summary>
/// Enrolment invitations (Medplum's invite with mfaRequired): an administrator invites a user by
/// e-mail; the link, single use and time-limited, is opened in one browser, which alone may then
/// enrol the user's first factor under a policy with FirstEnrolment=Invitation. The address becomes
/// the user's confirmed contact, so notices of what follows reach it.
/// </summary>
public sealed partial class InvitationService(
    IInvitationStore invitations,
    IUserStore users,
    ContactBook contacts,
    InvitationMailer mailer,
    InvitationCookie cookie,
    AuditLog audit,
    GatewayConfigMonitor config,
    GatewayPaths paths,
    TimeProvider time,
    ILogger<InvitationService> logger)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(3);
    public static readonly TimeSpan MinLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    /// <summary>Makes an invitation for the user (created if the realm's apps have not seen them yet) and queues its e-mail.</summary>
    /// <returns>The invitation, or why it cannot be made (for a 400 or the command line).</returns>
    public async Task<(InvitationCreated? Created, string? Problem)> CreateAsync(
        InvitationRequester requester, string realm, string userName, string? appName, string? email, TimeSpan? lifetime, string? reason, CancellationToken cancellationToken)
    {
        if (!EmailAddresses.TryNormalize(email, out var address, out var emailProblem))
        {
            return (null, $"email: {emailProblem}");
        }

        var span = lifetime ?? DefaultLifetime;
        if (span < MinLifetime || span > MaxLifetime)
        {
            return (null, "lifetime: an invitation lasts from 10 minutes to 30 days.");
        }

        if (FindApp(realm, appName, out var problem) is not { PublicUrl: { } publicUrl } app)
        {
            return (null, problem);
        }

        var now = time.GetUtcNow();
        var user = await users.GetOrCreateAsync(app.Realm, userName, now, cancellationToken);
        var token = InvitationToken.New();
        var expires = now + span;
        await invitations.AddAsync(new InvitationRecord(token.Id, user.Id, user.Realm, user.UserName, app.Name, InvitationToken.Hash(token.Secret), requester.Name, now, expires), cancellationToken);

        // The administrator vouches for the address: notices go there from now on, whatever the user enrols.
        await contacts.RememberAsync(user.Id, ContactKind.Email, address, ContactSource.Administrator, cancellationToken);

        var link = new Uri(publicUrl, $"{paths.Invitation}/{token}");
        var emailed = false;
        try
        {
            emailed = await mailer.QueueAsync(user.Realm, user.UserName, app.Name, address, link, expires, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The invitation stands; the administrator is told it was not queued and can hand the link over.
            LogNotQueued(logger, ex, user.UserName);
        }

        LogCreated(logger, user.UserName, app.Name, expires);
        await audit.RecordAsync(user.Realm, user.UserName, AuditEventTypes.InvitationCreated, AuditOutcomes.Success, requester.ClientIp, requester.UserAgent,
            [("admin", requester.Name), ("invitation", token.Id), ("app", app.Name), ("expires", expires.ToString("O", CultureInfo.InvariantCulture)),
             ("emailed", emailed ? "true" : "false"), .. reason is null ? Array.Empty<(string, string)>() : [("reason", reason)]]);
        return (new InvitationCreated(token.Id, link, expires, emailed), null);
    }

    /// <summary>The invitation a link names, as this browser sees it. Reads only: a mail scanner fetching the link changes nothing.</summary>
    public async Task<InvitationStatus> InspectAsync(HttpContext context, string? tokenText, CancellationToken cancellationToken)
    {
        if (!InvitationToken.TryParse(tokenText, out var token) || await invitations.FindAsync(token.Id, cancellationToken) is not { } record
            || !InvitationToken.Matches(token.Secret, record.SecretHash))
        {
            return InvitationStatus.Unknown;
        }

        var now = time.GetUtcNow();
        var state = record switch
        {
            { UsedAt: not null } => InvitationState.Used,
            { RevokedAt: not null } => InvitationState.Revoked,
            _ when record.ExpiresAt <= now => InvitationState.Expired,
            { BrowserHash: null } => InvitationState.Open,
            _ => IsThisBrowser(context, record) ? InvitationState.OpenedHere : InvitationState.OpenedElsewhere,
        };
        return new InvitationStatus(state, record, record.UserName, record.App);
    }

    /// <summary>
    /// Opens the invitation in this browser: the first browser to do so holds it (one conditional
    /// update), and gets a cookie that enrolment checks. Opening it again in the same browser is fine.
    /// </summary>
    public async Task<InvitationStatus> OpenAsync(HttpContext context, RequestOrigin origin, string? tokenText, CancellationToken cancellationToken)
    {
        var status = await InspectAsync(context, tokenText, cancellationToken);
        if (status.State != InvitationState.Open || status.Record is not { } record)
        {
            return status;
        }

        var browserSecret = InvitationToken.NewBrowserSecret();
        if (!await invitations.ClaimAsync(record.Id, InvitationToken.Hash(browserSecret), time.GetUtcNow(), cancellationToken))
        {
            // Another browser (or this one, twice at once) was first.
            return await InspectAsync(context, tokenText, cancellationToken);
        }

        cookie.Append(context, record.Id, browserSecret, record.ExpiresAt);
        await audit.RecordAsync(origin, record.Realm, record.UserName, AuditEventTypes.InvitationOpened, AuditOutcomes.Success, ("invitation", record.Id));

        return status with { State = InvitationState.OpenedHere };
    }

    /// <summary>The open invitation this browser holds for the user, if it holds one.</summary>
    public async Task<InvitationRecord?> HeldByAsync(HttpContext context, long userId, CancellationToken cancellationToken)
    {
        if (!cookie.TryRead(context, out var id, out _) || await invitations.FindAsync(id, cancellationToken) is not { } record)
        {
            return null;
        }

        return record.UserId == userId && record.IsOpen(time.GetUtcNow()) && IsThisBrowser(context, record) ? record : null;
    }

    /// <summary>Spends the invitation after the enrolment it allowed; the browser's cookie goes with it.</summary>
    public async Task UseAsync(HttpContext? context, string invitationId, string realm, string user, CancellationToken cancellationToken)
    {
        if (!await invitations.UseAsync(invitationId, time.GetUtcNow(), cancellationToken))
        {
            // Revoked or expired between the check and the enrolment: the factor stands (it was checked), the link is dead anyway.
            LogNotUsed(logger, invitationId, user);
            return;
        }

        if (context is not null)
        {
            InvitationCookie.Delete(context);
        }

        await audit.RecordAsync(realm, user, AuditEventTypes.InvitationUsed, AuditOutcomes.Success, null, null, ("invitation", invitationId));
    }

    public async Task<int> RevokeAsync(InvitationRequester requester, UserRecord user, string? reason, CancellationToken cancellationToken)
    {
        var revoked = await invitations.RevokeAllAsync(user.Id, time.GetUtcNow(), cancellationToken);
        await audit.RecordAsync(user.Realm, user.UserName, AuditEventTypes.InvitationRevoked, AuditOutcomes.Success, requester.ClientIp, requester.UserAgent,
            [("admin", requester.Name), ("count", revoked.ToString(CultureInfo.InvariantCulture)), .. reason is null ? Array.Empty<(string, string)>() : [("reason", reason)]]);
        return revoked;
    }

    private bool IsThisBrowser(HttpContext context, InvitationRecord record) =>
        cookie.TryRead(context, out var id, out var browserSecret) && id == record.Id && InvitationToken.Matches(browserSecret, record.BrowserHash);

    /// <summary>The named app of the realm, or its only app with a PublicUrl.</summary>
    private ProtectedApp? FindApp(string realm, string? appName, out string? problem)
    {
        var inRealm = config.Current.Apps.Values.Where(a => string.Equals(a.Realm, realm, StringComparison.OrdinalIgnoreCase)).ToList();
        problem = null;
        if (inRealm.Count == 0)
        {
            problem = $"realm: no configured app has realm '{realm}'.";
            return null;
        }

        ProtectedApp? app;
        if (appName is not null)
        {
            app = inRealm.FirstOrDefault(a => string.Equals(a.Name, appName, StringComparison.OrdinalIgnoreCase));
            if (app is null)
            {
                problem = $"app: realm '{realm}' has no app '{appName}' (it has {string.Join(", ", inRealm.Select(a => a.Name))}).";
                return null;
            }
        }
        else
        {
            var linked = inRealm.Where(a => a.PublicUrl is not null).ToList();
            if (linked.Count > 1)
            {
                problem = $"app: realm '{realm}' has several apps with a PublicUrl ({string.Join(", ", linked.Select(a => a.Name))}); name the one the link opens.";
                return null;
            }

            app = linked.FirstOrDefault() ?? inRealm[0];
        }

        if (app.PublicUrl is null)
        {
            problem = $"app: '{app.Name}' has no PublicUrl (Gateway:Apps:{app.Name}:PublicUrl), so there is no address for the link.";
            return null;
        }

        return app;
    }

    [LoggerMessage(EventId = EventIds.InvitationCreated, Level = LogLevel.Information, Message = "Invitation made for {User} of {App}, valid until {Expires}")]
    private static partial void LogCreated(ILogger logger, string user, string app, DateTimeOffset expires);

    [LoggerMessage(EventId = EventIds.InvitationNotQueued, Level = LogLevel.Error, Message = "The invitation e-mail for {User} could not be queued; the invitation stands and its link was given to the administrator")]
    private static partial void LogNotQueued(ILogger logger, Exception exception, string user);

    [LoggerMessage(EventId = EventIds.InvitationNotUsed, Level = LogLevel.Warning, Message = "Invitation {Invitation} of {User} was revoked or expired while it was used to enrol")]
    private static partial void LogNotUsed(ILogger logger, string invitation, string user);
}
