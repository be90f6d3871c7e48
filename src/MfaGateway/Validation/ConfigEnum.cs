namespace MfaGateway.Validation;

/// <summary>How config reads an enum: by name, any case; a number, or a name the enum does not define, is not a value.</summary>
public static class ConfigEnum
{
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    /// <summary>"'x' is not one of A, B, C", the message for a value <see cref="TryParse{TEnum}"/> refused.</summary>
    public static string NotOneOf<TEnum>(string? text)
        where TEnum : struct, Enum => $"'{text}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}";
}
