namespace MfaGateway.DemoApp.Accounts;

/// <summary>
/// The well-known demo accounts, documented in the README. This bank holds no real money; the
/// passwords are public on purpose so anyone can try the gateway in front of it.
/// </summary>
internal static class DemoUsers
{
    public static IReadOnlyList<(string Username, string Password, decimal OpeningBalance)> All { get; } =
    [
        ("alice", "alice-password-1", 1000.00m),
        ("bob", "bob-password-2", 500.00m),
        ("carol", "carol-password-3", 250.00m),
    ];
}
