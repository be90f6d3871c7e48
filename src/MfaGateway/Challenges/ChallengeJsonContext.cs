using System.Text.Json.Serialization;

namespace MfaGateway.Challenges;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PendingChallenge))]
internal sealed partial class ChallengeJsonContext : JsonSerializerContext;
