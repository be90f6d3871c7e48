using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:SelfService": how fresh an MFA must be to change one's own factors.</summary>
internal static class SelfServiceCompiler
{
    public static SelfServiceSettings? Compile(SelfServiceOptions options, ICollection<ConfigError> errors)
    {
        if (DurationParser.TryParse(options.MaxAge, out var maxAge))
        {
            return new SelfServiceSettings(maxAge);
        }

        errors.Add("Gateway:SelfService:MaxAge", $"'{options.MaxAge}' is not a positive duration");
        return null;
    }
}
