namespace MfaGateway.Configuration;

/// <summary>Every problem found in the configuration, so start-up can list them all at once.</summary>
public sealed class GatewayConfigurationException : Exception
{
    public GatewayConfigurationException(IReadOnlyList<string> errors)
        : base(Format(errors)) => Errors = errors;

    public GatewayConfigurationException()
        : this(["the configuration is invalid"])
    {
    }

    public GatewayConfigurationException(string message)
        : this([message])
    {
    }

    public GatewayConfigurationException(string message, Exception innerException)
        : base(Format([message]), innerException) => Errors = [message];

    public IReadOnlyList<string> Errors { get; }

    private static string Format(IReadOnlyList<string> errors) =>
        $"The gateway configuration has {errors.Count} error(s):{Environment.NewLine}" +
        string.Join(Environment.NewLine, errors.Select(e => "  - " + e));
}
