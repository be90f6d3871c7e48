namespace MfaGateway.DemoApp.Accounts;

internal enum TransferError
{
    AmountNotPositive,
    AmountHasFractionsOfCents,
    UnknownRecipient,
    RecipientIsSender,
    ReferenceTooLong,
    InsufficientFunds,
}

internal sealed record TransferResult(TransferError? Error, string Recipient, decimal Amount, decimal NewBalance)
{
    public bool Succeeded => Error is null;

    public static TransferResult Failed(TransferError error, string recipient, decimal amount) =>
        new(error, recipient, amount, NewBalance: 0m);
}
