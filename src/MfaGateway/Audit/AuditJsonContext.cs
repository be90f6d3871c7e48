using System.Text.Json.Serialization;

namespace MfaGateway.Audit;

[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
