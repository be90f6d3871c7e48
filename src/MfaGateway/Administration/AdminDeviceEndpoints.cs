using System.ComponentModel;
using MfaGateway.Devices;
using MfaGateway.Enforcement;
using Microsoft.AspNetCore.Http.Features;

namespace MfaGateway.Administration;

/// <summary>
/// The admin API's device endpoints: list a user's devices, forget one or all. Like the other user
/// endpoints, parameters are bound as strings and checked here, and an unknown user is a 404.
/// </summary>
public static class AdminDeviceEndpoints
{
    private const string DeviceDescription = "A device id from GET /users/{realm}/{user}/devices.";

    public static void MapAdminDeviceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/users/{realm}/{user}/devices", ListAsync)
            .WithName("ListUserDevices")
            .WithTags("Devices")
            .WithSummary("A user's devices")
            .WithDescription("The browsers the user passed MFA on (recognised: a RiskBased policy's new-device trigger stays quiet there) and the ones remembered with \"Remember this device\", as one list, most recently seen first. Audited as " + Audit.AuditEventTypes.AdminListDevices + ".")
            .Produces<UserDeviceList>()
            .Produces<GatewayError>(StatusCodes.Status400BadRequest);

        api.MapDelete("/users/{realm}/{user}/devices", ForgetAllAsync)
            .WithName("ForgetUserDevices")
            .WithTags("Devices")
            .WithSummary("Forget all of a user's devices")
            .WithDescription("Every device of the user is forgotten: remembered ones stop skipping the challenge (their sessions end at their next request) and recognised ones count as new again, so each browser is asked for a code at its next sign-in. Audited as " + Audit.AuditEventTypes.AdminForgetDevices + ". The body is optional.")
            .AddOpenApiOperationTransformer(AdminOpenApi.DescribeOptionalReasonAsync)
            .Produces<DevicesForgottenResult>()
            .Produces<GatewayError>(StatusCodes.Status400BadRequest)
            .Produces<GatewayError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<GatewayError>(StatusCodes.Status415UnsupportedMediaType);

        api.MapDelete("/users/{realm}/{user}/devices/{id}", ForgetOneAsync)
            .WithName("ForgetUserDevice")
            .WithTags("Devices")
            .WithSummary("Forget one of a user's devices")
            .WithDescription("The device is forgotten, remembered and recognised alike, so that browser (or a copy of its cookies) is asked for a code at its next sign-in. 404 device_not_found when the user has no such device; nothing changes. Audited as " + Audit.AuditEventTypes.AdminForgetDevice + ". The body is optional.")
            .AddOpenApiOperationTransformer(AdminOpenApi.DescribeOptionalReasonAsync)
            .Produces<DevicesForgottenResult>()
            .Produces<GatewayError>(StatusCodes.Status400BadRequest)
            .Produces<GatewayError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<GatewayError>(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task ListAsync(
        HttpContext context,
        [Description(AdminApiEndpoints.RealmDescription)] string realm,
        [Description(AdminApiEndpoints.UserDescription)] string user,
        DeviceAdministration administration)
    {
        if (await AdminApiEndpoints.TargetAsync(context, realm, user) is not { } target)
        {
            return;
        }

        var list = await administration.ListAsync(context.Features.GetRequiredFeature<AdminActor>(), target, context.RequestAborted);
        await (list is null
            ? AdminApiEndpoints.WriteUserNotFoundAsync(context, target)
            : AdminApiEndpoints.WriteAsync(context, list, AdministrationJsonContext.Default.UserDeviceList));
    }

    private static async Task ForgetAllAsync(
        HttpContext context,
        [Description(AdminApiEndpoints.RealmDescription)] string realm,
        [Description(AdminApiEndpoints.UserDescription)] string user,
        DeviceAdministration administration)
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

        var result = await administration.ForgetAllAsync(context.Features.GetRequiredFeature<AdminActor>(), target, reason, context.RequestAborted);
        await (result is null
            ? AdminApiEndpoints.WriteUserNotFoundAsync(context, target)
            : AdminApiEndpoints.WriteAsync(context, result, AdministrationJsonContext.Default.DevicesForgottenResult));
    }

    private static async Task ForgetOneAsync(
        HttpContext context,
        [Description(AdminApiEndpoints.RealmDescription)] string realm,
        [Description(AdminApiEndpoints.UserDescription)] string user,
        [Description(DeviceDescription)] string id,
        DeviceAdministration administration)
    {
        if (await AdminApiEndpoints.TargetAsync(context, realm, user) is not { } target)
        {
            return;
        }

        if (!DeviceListId.IsWellFormed(id))
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                $"The device id must be 1 to {DeviceListId.MaxLength} characters of A-Z, a-z, 0-9, '-' and '_'.");
            return;
        }

        var (ok, reason) = await AdminRequestBody.ReadReasonAsync(context);
        if (!ok)
        {
            return;
        }

        var (userFound, result) = await administration.ForgetAsync(context.Features.GetRequiredFeature<AdminActor>(), target, id, reason, context.RequestAborted);
        if (!userFound)
        {
            await AdminApiEndpoints.WriteUserNotFoundAsync(context, target);
        }
        else if (result is null)
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCodes.Status404NotFound, ErrorCodes.DeviceNotFound,
                $"User '{target.User}' in realm '{target.Realm}' has no device '{id}'.");
        }
        else
        {
            await AdminApiEndpoints.WriteAsync(context, result, AdministrationJsonContext.Default.DevicesForgottenResult);
        }
    }
}
