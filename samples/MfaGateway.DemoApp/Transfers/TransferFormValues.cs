namespace MfaGateway.DemoApp.Transfers;

/// <summary>What the user typed, echoed back into the form when it has to be shown again.</summary>
internal sealed record TransferFormValues(string? To, string? Amount, string? Reference)
{
    public static TransferFormValues Blank { get; } = new(null, null, null);
}
