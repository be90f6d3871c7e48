namespace MfaGateway.Configuration;

/// <param name="Keys">Every key, for one constant-time pass over all of them.</param>
/// <param name="AppOf">The app each key (by name) is bound to.</param>
public sealed record StepUpApiSettings(IReadOnlyList<AdminKey> Keys, IReadOnlyDictionary<string, string> AppOf)
{
    public static readonly StepUpApiSettings Off = new([], new Dictionary<string, string>());
}
