namespace MfaGateway.SelfService;

/// <summary>The name a user gives a factor ("Work phone"), so they can tell two authenticators apart.</summary>
public static class FactorName
{
    public const int MaxLength = 64;

    /// <summary>The trimmed name, or the reason it cannot be used.</summary>
    public static bool TryNormalize(string? input, out string name, out string problem)
    {
        name = input?.Trim() ?? string.Empty;
        problem = name switch
        {
            { Length: 0 } => "Enter a name.",
            { Length: > MaxLength } => $"A name can be at most {MaxLength} characters long.",
            _ when name.Any(char.IsControl) => "A name cannot contain line breaks or other control characters.",
            _ => string.Empty,
        };
        return problem.Length == 0;
    }
}
