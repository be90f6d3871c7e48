namespace MfaGateway.Configuration;

/// <summary>Everything that is checked before a configuration is used: the gateway's and YARP's rules.</summary>
public sealed class GatewayConfigValidator(YarpConfigChecker yarpChecker) : IDisposable
{
    public IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        GatewayConfigCompiler.Compile(configuration, out var gatewayErrors);

        // Called from a file-watcher callback or start-up, never from a request: blocking is acceptable here.
        var yarpErrors = yarpChecker.CheckAsync(configuration).GetAwaiter().GetResult();
        return [.. gatewayErrors, .. yarpErrors];
    }

    public IReadOnlyList<string> Validate(IReadOnlyDictionary<string, string?> flattened) =>
        Validate(new ConfigurationBuilder().AddInMemoryCollection(flattened).Build());

    public void Dispose() => yarpChecker.Dispose();
}
