using System.Globalization;
using System.Text.Json;

namespace MfaGateway.Risk.Reputation;

/// <summary>Finds the configured field in a provider's JSON answer and turns it into a verdict.</summary>
internal static class ProviderAnswerReader
{
    /// <returns>The verdict, or null with <paramref name="problem"/> when the answer does not say.</returns>
    public static ReputationVerdict? Read(JsonElement root, ReputationProviderSettings settings, out string? problem)
    {
        var element = root;
        foreach (var segment in settings.FieldPath)
        {
            var found = element.ValueKind switch
            {
                JsonValueKind.Object => element.TryGetProperty(segment, out element),
                JsonValueKind.Array => int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && index < element.GetArrayLength() && (element = element[index]).ValueKind != JsonValueKind.Undefined,
                _ => false,
            };
            if (!found)
            {
                problem = $"the answer has no '{settings.Field}'";
                return null;
            }
        }

        problem = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return ReputationVerdict.SuspiciousBecause($"reputation provider: {settings.FieldPath[^1]} is true");
            case JsonValueKind.False:
                return ReputationVerdict.Clean;
            case JsonValueKind.Number when settings.Threshold is { } threshold:
                var score = element.GetDouble();
                return score >= threshold
                    ? ReputationVerdict.SuspiciousBecause(string.Create(CultureInfo.InvariantCulture, $"reputation provider: score {score} >= {threshold}"))
                    : ReputationVerdict.Clean;
            case JsonValueKind.Number:
                problem = $"'{settings.Field}' is a number but no Threshold is configured";
                return null;
            default:
                problem = $"'{settings.Field}' is {element.ValueKind}, not a number or boolean";
                return null;
        }
    }
}
