namespace MfaGateway.DemoApp.Accounts;

/// <summary>A consistent copy of one account, safe to render while other requests keep changing the store.</summary>
internal sealed record AccountSnapshot(
    string Username,
    decimal Balance,
    IReadOnlyList<TransferRecord> RecentTransfers);
