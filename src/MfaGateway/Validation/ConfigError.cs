namespace MfaGateway.Validation;

/// <summary>
/// One problem found in the configuration, named by the key an operator edits to fix it
/// ("Gateway:Policies:signin:MaxAge"), so tests and tools can tell problems apart without reading prose.
/// A file that cannot be read at all is named by its path instead.
/// </summary>
public sealed record ConfigError(string Key, string Message, ConfigSeverity Severity = ConfigSeverity.Error)
{
    public bool IsError => Severity == ConfigSeverity.Error;

    /// <summary>What operators read: the start-up listing, the <c>validate</c> command and the reload log print this.</summary>
    public string Text => $"{Key}: {Message}";

    public static ConfigError Warning(string key, string message) => new(key, message, ConfigSeverity.Warning);

    public override string ToString() => IsError ? Text : $"warning: {Text}";
}
