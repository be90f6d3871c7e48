namespace MfaGateway.Tests;

/// <summary>
/// Tests that judge the process's memory run alone: tests running beside them allocate too, and
/// once made a flat loader look as if it had grown by 414 MiB.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Memory measurements";
}
