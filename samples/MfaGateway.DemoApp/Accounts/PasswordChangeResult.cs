namespace MfaGateway.DemoApp.Accounts;

/// <summary>On success carries the new security stamp, which the caller puts in the re-issued session.</summary>
internal sealed record PasswordChangeResult(bool Changed, string? NewSecurityStamp)
{
    public static PasswordChangeResult WrongCurrentPassword { get; } = new(false, null);
}
