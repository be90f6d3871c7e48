using System.Globalization;
using System.Reflection;
using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>
/// Walks a configuration section against the options type it binds to and reports every key that
/// matches no setting and every value that cannot be converted, all in one pass. The binder's own
/// check stops at the first object with a problem, and an ignored typo ("MaxAgee") silently weakens
/// a policy.
/// </summary>
internal static class ConfigurationShapeChecker
{
    public static void Check(IConfigurationSection section, Type type, ICollection<ConfigError> errors)
    {
        var settings = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (settings.TryGetValue(child.Key, out var setting))
            {
                CheckValue(child, setting.PropertyType, errors);
            }
            else
            {
                errors.Add(child.Path, $"unknown setting '{child.Key}' (known here: {string.Join(", ", settings.Keys.Order(StringComparer.Ordinal))})");
            }
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, ICollection<ConfigError> errors)
    {
        var hasChildren = section.GetChildren().Any();
        if (type == typeof(string))
        {
            if (hasChildren)
            {
                errors.Add(section.Path, "expected a single value, not a list or object");
            }

            return;
        }

        if (ScalarCheck(type) is { } check)
        {
            if (section.Value is not { } text || !check.IsValid(text))
            {
                errors.Add(section.Path, $"'{section.Value}' is not {check.Expected}");
            }

            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            if (!hasChildren && !string.IsNullOrEmpty(section.Value))
            {
                errors.Add(section.Path, $"expected a list, e.g. [ \"{section.Value}\" ]");
            }

            foreach (var item in section.GetChildren())
            {
                CheckValue(item, type.GetGenericArguments()[0], errors);
            }

            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            foreach (var entry in section.GetChildren())
            {
                CheckValue(entry, type.GetGenericArguments()[1], errors);
            }

            return;
        }

        if (!hasChildren && !string.IsNullOrEmpty(section.Value))
        {
            errors.Add(section.Path, $"expected an object with settings, not the value '{section.Value}'");
            return;
        }

        Check(section, type, errors);
    }

    private static (Func<string, bool> IsValid, string Expected)? ScalarCheck(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int))
        {
            return (text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _), "a whole number");
        }

        if (type == typeof(long))
        {
            return (text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _), "a whole number");
        }

        if (type == typeof(double))
        {
            return (text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value), "a number");
        }

        if (type == typeof(bool))
        {
            return (text => bool.TryParse(text, out _), "true or false");
        }

        return null;
    }
}
