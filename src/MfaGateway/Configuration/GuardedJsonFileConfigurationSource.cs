namespace MfaGateway.Configuration;

/// <summary>The gateway's config file; see <see cref="GuardedJsonFileConfigurationProvider"/>.</summary>
public sealed class GuardedJsonFileConfigurationSource(string fullPath) : IConfigurationSource
{
    public string FullPath { get; } = fullPath;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new GuardedJsonFileConfigurationProvider(FullPath);
}
