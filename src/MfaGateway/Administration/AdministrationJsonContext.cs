using System.Text.Json.Serialization;
using MfaGateway.Audit;

namespace MfaGateway.Administration;

/// <summary>
/// The admin API's JSON, snake_case like the rest of the gateway's API. Unknown request properties are
/// refused, so a misspelt "reasn" is an error instead of a silently missing reason.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(AdminActionRequest))]
[JsonSerializable(typeof(UserStatus))]
[JsonSerializable(typeof(AdminActionResult))]
[JsonSerializable(typeof(UserDeviceList))]
[JsonSerializable(typeof(DevicesForgottenResult))]
[JsonSerializable(typeof(AuditListResponse))]
[JsonSerializable(typeof(AuditEvent))]
[JsonSerializable(typeof(InvitationRequest))]
[JsonSerializable(typeof(InvitationResponse))]
[JsonSerializable(typeof(InvitationsRevokedResponse))]
internal sealed partial class AdministrationJsonContext : JsonSerializerContext;
