using System.ComponentModel;
using MfaGateway.Apps;
using MfaGateway.Audit;
using MfaGateway.Configuration;
using MfaGateway.Enforcement;
using MfaGateway.Identity;
using MfaGateway.Web;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace MfaGateway.Administration;

/// <summary>
/// The admin API: a user's status, the actions an administrator takes for them, and the audit log.
/// JSON only; every endpoint sits behind <see cref="AdminKeyFilter"/>. Parameters are bound as strings
/// and checked here, so a malformed value gets a 400 that says what is wrong (and never before the key
/// check), never the framework's bare 400 or a 500.
/// </summary>
public static class AdminApiEndpoints
{
    public const string DocumentName = "admin";

    internal const string JsonContentType = "application/json";
    internal const string RealmDescription = "The realm: the app's name unless the app sets Realm.";
    internal const string UserDescription = "The user name as the app knows it (compared ignoring case).";

    /// <summary>An admin action: takes the administrator, the user and the reason; null when the user is unknown.</summary>
    private delegate Task<AdminActionResult?> AdminAction(UserAdministration administration, AdminActor admin, UserReference target, string? reason, CancellationToken cancellationToken);

    public static void MapAdminApi(this IEndpointRouteBuilder app, GatewayPaths paths)
    {
        var api = app.MapGroup(AdminPaths.Api(paths))
            .AddEndpointFilter<AdminKeyFilter>()
            .WithGroupName(DocumentName)
            .WithOrder(GatewayEndpoints.Order)
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(GatewayError), [JsonContentType]),
                new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(GatewayError), [JsonContentType]));

        api.MapGet("/users/{realm}/{user}", GetStatusAsync)
            .WithName("GetUserStatus")
            .WithTags("Users")
            .WithSummary("A user's MFA status")
            .WithDescription("Factors, unused recovery codes, remembered devices, failure count, lock, ban and whether MFA is required. Audited as admin.user_status. 404 when the gateway has never seen the user.")
            .Produces<UserStatus>()
            .Produces<GatewayError>(StatusCodes.Status400BadRequest);

        MapAction(api, "require-mfa", "RequireMfa", (a, admin, user, reason, ct) => a.RequireMfaAsync(admin, user, reason, ct),
            "Require MFA of a user",
            "From the user's next sign-in, MFA is asked (enrolment first when the user has no factor), even where the policy is Optional. A user not seen yet is created when the realm belongs to a configured app. Audited as admin.require_mfa.");
        MapAction(api, "reset", "ResetFactors", (a, admin, user, reason, ct) => a.ResetFactorsAsync(admin, user, reason, ct),
            "Reset a user's factors",
            "Removes every factor and recovery code and forgets every device (remembered and recognised): the user enrols again at the next sign-in that needs MFA. Every session of the user ends at its next request: the user signs in and enrols again. A locked user stays locked: unlock too. Audited as admin.reset_factors.");
        MapAction(api, "revoke-devices", "RevokeDevices", (a, admin, user, reason, ct) => a.RevokeDevicesAsync(admin, user, reason, ct),
            "Forget a user's devices",
            "Every remembered device of the user stops skipping the challenge, and sessions it opened end at their next request; every recognised device counts as new again under RiskBased policies. The same as DELETE /users/{realm}/{user}/devices, kept for existing callers. Audited as admin.revoke_devices.");
        MapAction(api, "unlock", "UnlockUser", (a, admin, user, reason, ct) => a.UnlockAsync(admin, user, reason, ct),
            "Unlock a user",
            "Clears the user's consecutive and windowed failure counts and lifts any ban, so the user can pass a challenge again. Audited as admin.unlock.");
        MapAction(api, "password-changed", "PasswordChanged", (a, admin, user, reason, ct) => a.PasswordChangedAsync(admin, user, reason, ct),
            "Report a password change",
            "For apps whose password change the gateway cannot watch: every session of the user ends at its next request, RiskBased policies with the AfterPasswordChange trigger ask for MFA again for Gateway:Risk:PasswordChangeWindow, and the user's remembered devices are revoked unless Gateway:Risk:RevokeTrustedDevicesOnPasswordChange is off. Audited as " + AuditEventTypes.AdminPasswordChanged + " and password.changed.");
        MapAction(api, "sign-out-everywhere", "SignOutEverywhere", (a, admin, user, reason, ct) => a.SignOutEverywhereAsync(admin, user, reason, ct),
            "Sign a user out everywhere",
            "Ends every gateway session of the user (all browsers, all API sessions) at its next request; the app sessions behind them must sign in again. Audited as " + AuditEventTypes.AdminSignOutEverywhere + " and " + AuditEventTypes.SessionsEnded + ".");

        api.MapAdminDeviceEndpoints();
        api.MapAdminInvitationEndpoints();

        api.MapGet("/audit", ListAuditAsync)
            .WithName("ListAuditEvents")
            .WithTags("Audit")
            .WithSummary("Audit events, newest first")
            .WithDescription("Security events (sign-ins, challenges, enrolments, admin actions, denied admin requests) filtered by realm, user, type and time, a page at a time. Denied admin requests have an empty realm.")
            .Produces<AuditListResponse>()
            .Produces<GatewayError>(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer(AdminOpenApi.DescribeAuditParametersAsync);
    }

    private static void MapAction(RouteGroupBuilder api, string path, string name, AdminAction action, string summary, string description) =>
        api.MapPost($"/users/{{realm}}/{{user}}/{path}", (
                HttpContext context,
                [Description(RealmDescription)] string realm,
                [Description(UserDescription)] string user,
                UserAdministration administration) => ActAsync(context, realm, user, administration, action))
            .WithName(name)
            .WithTags("Users")
            .WithSummary(summary)
            .WithDescription(description + " The body is optional.")
            .AddOpenApiOperationTransformer(AdminOpenApi.DescribeOptionalReasonAsync)
            .Produces<AdminActionResult>()
            .Produces<GatewayError>(StatusCodes.Status400BadRequest)
            .Produces<GatewayError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<GatewayError>(StatusCodes.Status415UnsupportedMediaType);

    private static async Task GetStatusAsync(
        HttpContext context,
        [Description(RealmDescription)] string realm,
        [Description(UserDescription)] string user,
        UserAdministration administration)
    {
        if (await TargetAsync(context, realm, user) is not { } target)
        {
            return;
        }

        var status = await administration.GetStatusAsync(context.Features.GetRequiredFeature<AdminActor>(), target, context.RequestAborted);
        await (status is null
            ? WriteUserNotFoundAsync(context, target)
            : WriteAsync(context, status, AdministrationJsonContext.Default.UserStatus));
    }

    private static async Task ActAsync(HttpContext context, string realm, string user, UserAdministration administration, AdminAction action)
    {
        if (await TargetAsync(context, realm, user) is not { } target)
        {
            return;
        }

        var (ok, reason) = await AdminRequestBody.ReadReasonAsync(context);
        if (!ok)
        {
            return;
        }

        var result = await action(administration, context.Features.GetRequiredFeature<AdminActor>(), target, reason, context.RequestAborted);
        await (result is null
            ? WriteUserNotFoundAsync(context, target)
            : WriteAsync(context, result, AdministrationJsonContext.Default.AdminActionResult));
    }

    private static async Task ListAuditAsync(
        HttpContext context,
        [FromQuery(Name = AuditQueryParser.Realm)] string? realm,
        [FromQuery(Name = AuditQueryParser.User)] string? user,
        [FromQuery(Name = AuditQueryParser.Type)] string? type,
        [FromQuery(Name = AuditQueryParser.From)] string? from,
        [FromQuery(Name = AuditQueryParser.To)] string? to,
        [FromQuery(Name = AuditQueryParser.Page)] string? page,
        [FromQuery(Name = AuditQueryParser.PageSize)] string? pageSize,
        FlushingAuditStore store,
        AuditLog audit,
        GatewayConfigMonitor config)
    {
        // The parameters above describe the query for OpenAPI; the parser reads the whole query string
        // so that unknown and repeated parameters are refused too.
        if (!AuditQueryParser.TryParse(context.Request.Query, config.Current, out var query, out var error))
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, error);
            return;
        }

        // Reading the log is itself an admin action worth knowing about (who looked at whose events).
        var admin = context.Features.GetRequiredFeature<AdminActor>();
        await audit.RecordAsync(query.Realm ?? "*", query.User, AuditEventTypes.AdminAuditRead, AuditOutcomes.Success, admin.ClientIp, admin.UserAgent, ("admin", admin.Name));
        var found = await store.QueryAsync(query, context.RequestAborted);
        await WriteAsync(context, AuditListResponse.From(found), AdministrationJsonContext.Default.AuditListResponse);
    }

    internal static async Task<UserReference?> TargetAsync(HttpContext context, string realm, string user)
    {
        var nameCase = context.RequestServices.GetRequiredService<GatewayConfigMonitor>().Current.AppForRealm(realm)?.UserNameCase ?? UserNameCase.Insensitive;
        if (UserReference.TryCreate(realm, user, out var target, out var error, nameCase))
        {
            return target;
        }

        await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, error);
        return null;
    }

    internal static Task WriteUserNotFoundAsync(HttpContext context, UserReference target) =>
        GatewayErrors.WriteJsonAsync(context, StatusCodes.Status404NotFound, ErrorCodes.UserNotFound,
            $"The gateway has never seen user '{target.User}' in realm '{target.Realm}'.");

    internal static Task WriteAsync<T>(HttpContext context, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(value, type, cancellationToken: context.RequestAborted);
    }
}
