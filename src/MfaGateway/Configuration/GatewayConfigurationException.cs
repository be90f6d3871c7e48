using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>Every problem found in the configuration, so start-up can list them all at once.</summary>
public sealed class GatewayConfigurationException : Exception
{
    public GatewayConfigurationException(IReadOnlyList<ConfigError> errors)
        : base(ConfigErrorListing.Format(errors)) => Errors = errors;

    public GatewayConfigurationException()
        : this([new ConfigError("Gateway", "the configuration is invalid")])
    {
    }

    public GatewayConfigurationException(string message)
        : this([new ConfigError("Gateway", message)])
    {
    }

    public GatewayConfigurationException(string message, Exception innerException)
        : base(ConfigErrorListing.Format([new ConfigError("Gateway", message)]), innerException) => Errors = [new ConfigError("Gateway", message)];

    /// <summary>The errors, and the warnings found beside them (see <see cref="ConfigError.Severity"/>).</summary>
    public IReadOnlyList<ConfigError> Errors { get; }
}
