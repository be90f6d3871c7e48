namespace MfaGateway.DemoApp.Accounts;

internal enum TransferDirection
{
    Outgoing,
    Incoming,
}

/// <summary>One line of an account's history, seen from that account's side.</summary>
internal sealed record TransferRecord(
    DateTimeOffset At,
    TransferDirection Direction,
    string Counterparty,
    decimal Amount,
    string? Reference);
