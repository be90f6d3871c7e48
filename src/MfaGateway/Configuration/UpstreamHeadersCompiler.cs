using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:UpstreamHeaders": the identity headers the gateway sets for the app.</summary>
internal static class UpstreamHeadersCompiler
{
    public static void Check(UpstreamHeaderOptions options, ICollection<ConfigError> errors)
    {
        string[] names = [options.User, options.Factors, options.AuthenticatedAt];
        if (names.Any(string.IsNullOrWhiteSpace) || names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Length)
        {
            errors.Add("Gateway:UpstreamHeaders", "User, Factors and AuthenticatedAt must be three different header names");
        }
    }
}
