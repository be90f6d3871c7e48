using System.ComponentModel;
using MfaGateway.Enforcement;
using MfaGateway.Invitations;
using MfaGateway.Storage;
using MfaGateway.Validation;
using MfaGateway.Web;
using Microsoft.AspNetCore.Http.Features;

namespace MfaGateway.Administration;

/// <summary>Enrolment invitations in the admin API: make one for a user (e-mailed, its link given back once) or revoke the open ones.</summary>
public static class AdminInvitationEndpoints
{
    private const string RequestShape = "{\"email\": \"...\", \"app\": optional, \"lifetime\": optional like \"3d\", \"reason\": optional}";

    public static void MapAdminInvitationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/users/{realm}/{user}/invitations", CreateAsync)
            .WithName("InviteUser")
            .WithTags("Invitations")
            .WithSummary("Invite a user to set up two-step verification")
            .WithDescription("E-mails the user a link (through the notification outbox) that works once, in one browser, until it expires (3 days unless `lifetime` says otherwise, at most 30). " +
                "Under a policy with FirstEnrolment=Invitation only that browser can enrol the user's first factor, so a password alone cannot. The address becomes the user's confirmed contact for notices. " +
                "The link is in the answer this once; the gateway keeps only a hash. A user not seen yet is created in the realm. Audited as " + Audit.AuditEventTypes.InvitationCreated + ".")
            .AddOpenApiOperationTransformer(AdminOpenApi.DescribeInvitationRequestAsync)
            .Produces<InvitationResponse>(StatusCodes.Status201Created)
            .Produces<GatewayError>(StatusCodes.Status400BadRequest)
            .Produces<GatewayError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<GatewayError>(StatusCodes.Status415UnsupportedMediaType);

        api.MapDelete("/users/{realm}/{user}/invitations", RevokeAsync)
            .WithName("RevokeInvitations")
            .WithTags("Invitations")
            .WithSummary("Revoke a user's open invitations")
            .WithDescription("Every invitation of the user that is not used or expired stops working at once, including one a browser has opened. Audited as " + Audit.AuditEventTypes.InvitationRevoked + ". The body is optional.")
            .AddOpenApiOperationTransformer(AdminOpenApi.DescribeOptionalReasonAsync)
            .Produces<InvitationsRevokedResponse>()
            .Produces<GatewayError>(StatusCodes.Status400BadRequest)
            .Produces<GatewayError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<GatewayError>(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task CreateAsync(
        HttpContext context,
        [Description(AdminApiEndpoints.RealmDescription)] string realm,
        [Description(AdminApiEndpoints.UserDescription)] string user,
        InvitationService invitations)
    {
        if (await AdminApiEndpoints.TargetAsync(context, realm, user) is not { } target)
        {
            return;
        }

        // Like require-mfa: a user not seen yet is made in a configured realm; any other realm has no such user.
        var config = context.RequestServices.GetRequiredService<Configuration.GatewayConfigMonitor>().Current;
        if (config.AppForRealm(target.Realm) is null)
        {
            await AdminApiEndpoints.WriteUserNotFoundAsync(context, target);
            return;
        }

        var (ok, request) = await AdminRequestBody.ReadObjectAsync(context, AdministrationJsonContext.Default.InvitationRequest, RequestShape);
        if (!ok || request is null)
        {
            return;
        }

        TimeSpan? lifetime = null;
        if (request.Lifetime is not null)
        {
            if (!DurationParser.TryParse(request.Lifetime, out var parsed))
            {
                await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, $"lifetime: '{request.Lifetime}' is not a duration like \"3d\" or \"12h\".");
                return;
            }

            lifetime = parsed;
        }

        if (!AdminRequestBody.TryTrimReason(request.Reason, out var reason))
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, $"The reason may be at most {AdminRequestBody.MaxReasonLength} characters.");
            return;
        }

        var admin = context.Features.GetRequiredFeature<AdminActor>();
        var (created, problem) = await invitations.CreateAsync(
            new InvitationRequester($"admin:{admin.Name}", admin.ClientIp, admin.UserAgent), target.Realm, target.User, request.App, request.Email, lifetime, reason, context.RequestAborted);
        if (created is null)
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, problem ?? "The invitation cannot be made.");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
        await AdminApiEndpoints.WriteAsync(context, new InvitationResponse(created.Id, created.Link.AbsoluteUri, created.ExpiresAt, created.Emailed), AdministrationJsonContext.Default.InvitationResponse);
    }

    private static async Task RevokeAsync(
        HttpContext context,
        [Description(AdminApiEndpoints.RealmDescription)] string realm,
        [Description(AdminApiEndpoints.UserDescription)] string user,
        InvitationService invitations,
        IUserStore users)
    {
        if (await AdminApiEndpoints.TargetAsync(context, realm, user) is not { } target)
        {
            return;
        }

        var (ok, reason) = await AdminRequestBody.ReadReasonAsync(context);
        if (!ok)
        {
            return;
        }

        var canonicalRealm = context.RequestServices.GetRequiredService<Configuration.GatewayConfigMonitor>().Current.AppForRealm(target.Realm)?.Realm ?? target.Realm;
        if (await users.FindAsync(canonicalRealm, target.User, context.RequestAborted) is not { } found)
        {
            await AdminApiEndpoints.WriteUserNotFoundAsync(context, target);
            return;
        }

        var admin = context.Features.GetRequiredFeature<AdminActor>();
        var revoked = await invitations.RevokeAsync(new InvitationRequester($"admin:{admin.Name}", admin.ClientIp, admin.UserAgent), found, reason, context.RequestAborted);
        await AdminApiEndpoints.WriteAsync(context, new InvitationsRevokedResponse(revoked), AdministrationJsonContext.Default.InvitationsRevokedResponse);
    }
}
