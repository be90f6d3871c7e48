using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>The outcome of one attempt to reload the config file.</summary>
public sealed record ConfigFileReload(string Path, bool Accepted, IReadOnlyList<ConfigError> Errors);
