namespace MfaGateway.Risk.Reputation;

public sealed class BlockListOptions
{
    /// <summary>Shown in audit entries and reasons ("listed in tor-exits").</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>A relative path resolves against the config file's folder.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Auto, Plain, Netset or TorExitList.</summary>
    public string Format { get; set; } = nameof(BlockListFormat.Auto);
}
