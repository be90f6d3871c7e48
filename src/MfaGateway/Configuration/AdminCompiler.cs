using MfaGateway.Networking;
using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:Admin": the admin API's keys and networks.</summary>
internal static class AdminCompiler
{
    public static AdminSettings Compile(AdminOptions options, ICollection<ConfigError> errors)
    {
        var keys = new List<AdminKey>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var where = $"Gateway:Admin:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                errors.Add($"{where}:Name", "required (it is recorded with every admin action)");
            }

            if (key.Sha256 is not { Length: 64 } hex || !hex.All(char.IsAsciiHexDigit))
            {
                errors.Add($"{where}:Sha256", "the hex SHA-256 of the key (64 characters) is required; the key itself never goes in config (`MfaGateway admin-key` makes a key and its hash)");
                continue;
            }

            keys.Add(new AdminKey(key.Name ?? string.Empty, Convert.FromHexString(hex)));
        }

        if (keys.Select(k => k.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != keys.Count)
        {
            errors.Add("Gateway:Admin:ApiKeys", "names must be different");
        }

        var networks = options.Networks.Count == 0 ? null : NetworkList.Parse(options.Networks, "Gateway:Admin:Networks", errors);
        return new AdminSettings(keys, networks, options.PublicOpenApi);
    }
}
