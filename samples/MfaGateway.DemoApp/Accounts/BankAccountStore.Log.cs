namespace MfaGateway.DemoApp.Accounts;

internal sealed partial class BankAccountStore
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Password accepted for {Username}")]
    private static partial void LogPasswordAccepted(ILogger logger, string username);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Password rejected for {Username}")]
    private static partial void LogPasswordRejected(ILogger logger, string username);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Sender} transferred {Amount} EUR to {Recipient}")]
    private static partial void LogTransferred(ILogger logger, string sender, string recipient, decimal amount);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Password changed for {Username}")]
    private static partial void LogPasswordChanged(ILogger logger, string username);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Password change rejected for {Username}: wrong current password")]
    private static partial void LogPasswordChangeRejected(ILogger logger, string username);
}
