namespace MfaGateway.Validation;

/// <summary>Whether a configuration problem stops the gateway (Error) or only switches something off (Warning).</summary>
public enum ConfigSeverity
{
    Error,
    Warning,
}
