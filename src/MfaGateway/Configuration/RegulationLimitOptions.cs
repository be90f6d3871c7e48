namespace MfaGateway.Configuration;

public sealed class RegulationLimitOptions
{
    /// <summary>Wrong codes within <see cref="Window"/> that start a ban; 0 turns this limit off.</summary>
    public int MaxFailures { get; set; } = 10;

    public string Window { get; set; } = "15m";

    public string BanTime { get; set; } = "15m";
}
