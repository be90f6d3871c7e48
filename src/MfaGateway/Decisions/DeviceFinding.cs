namespace MfaGateway.Decisions;

/// <summary>The answer to "does this request come from a remembered device?", once it was asked.</summary>
public sealed record DeviceFinding(RememberedDevice? Device)
{
    public static readonly DeviceFinding None = new(Device: null);
}
