using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:StepUpApi": each key named, hashed, and bound to an app that exists.</summary>
internal static class StepUpApiCompiler
{
    private const string Section = "Gateway:StepUpApi:Keys";

    public static StepUpApiSettings Compile(StepUpApiOptions options, IReadOnlyDictionary<string, AppOptions> apps, ICollection<ConfigError> errors)
    {
        var keys = new List<AdminKey>();
        var appOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var where = $"{Section}:{i}";
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                errors.Add($"{where}:Name", "required (it is recorded with every step-up)");
            }
            else if (appOf.ContainsKey(key.Name))
            {
                errors.Add($"{where}:Name", $"'{key.Name}' is used by another key: names must be different");
            }

            var app = apps.Keys.FirstOrDefault(a => a.Equals(key.App, StringComparison.OrdinalIgnoreCase));
            if (app is null)
            {
                errors.Add($"{where}:App", string.IsNullOrWhiteSpace(key.App) ? "required: the app whose users this key may step up" : $"unknown app '{key.App}'");
            }

            if (key.Sha256 is not { Length: 64 } hex || !hex.All(char.IsAsciiHexDigit))
            {
                errors.Add($"{where}:Sha256", "the hex SHA-256 of the key (64 characters) is required; the key itself never goes in config (`MfaGateway admin-key` makes a key and its hash)");
                continue;
            }

            if (app is not null && !string.IsNullOrWhiteSpace(key.Name) && appOf.TryAdd(key.Name, app))
            {
                keys.Add(new AdminKey(key.Name, Convert.FromHexString(hex)));
            }
        }

        return keys.Count == 0 ? StepUpApiSettings.Off : new StepUpApiSettings(keys, appOf);
    }
}
