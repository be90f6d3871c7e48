using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:Regulation": the temporary bans per user and per client address.</summary>
internal static class RegulationCompiler
{
    public static RegulationSettings? Compile(RegulationOptions options, ICollection<ConfigError> errors)
    {
        RegulationLimit? Limit(RegulationLimitOptions limit, string where)
        {
            var count = errors.Count;
            if (limit.MaxFailures is < 0 or > 1000)
            {
                errors.Add($"{where}:MaxFailures", $"{limit.MaxFailures} is outside 0..1000 (0 turns the limit off)");
            }

            if (!DurationParser.TryParse(limit.Window, out var window))
            {
                errors.Add($"{where}:Window", $"'{limit.Window}' is not a positive duration");
            }

            if (!DurationParser.TryParse(limit.BanTime, out var ban))
            {
                errors.Add($"{where}:BanTime", $"'{limit.BanTime}' is not a positive duration");
            }

            return errors.Count > count ? null : new RegulationLimit(limit.MaxFailures, window, ban);
        }

        var user = Limit(options.User, "Gateway:Regulation:User");
        var client = Limit(options.Client, "Gateway:Regulation:Client");
        return user is null || client is null ? null : new RegulationSettings(user, client);
    }
}
