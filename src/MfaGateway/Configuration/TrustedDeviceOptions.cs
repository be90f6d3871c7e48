namespace MfaGateway.Configuration;

public sealed class TrustedDeviceOptions
{
    /// <summary>Offer "remember this device" at the challenge.</summary>
    public bool Enabled { get; set; }

    public int Days { get; set; } = 30;
}
