using System.Globalization;

namespace MfaGateway.DemoApp.Accounts;

/// <summary>
/// Extra accounts for load tests, only when started with <c>--LoadTest:Users=N</c>: "load-00001" to
/// "load-N", all with the password "load-password" and a cheaper hash than the demo users'. A TOTP code
/// works once per user per 30-second step, so a flow benchmark needs thousands of users.
/// </summary>
internal static class LoadTestUsers
{
    public const string Password = "load-password";

    public const decimal OpeningBalance = 100.00m;

    /// <summary>Enough for every flow of a long run to have a user of its own in each time step.</summary>
    private const int MaxUsers = 100_000;

    public static int CountFrom(IConfiguration configuration)
    {
        var text = configuration["LoadTest:Users"];
        if (text is null)
        {
            return 0;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= MaxUsers
            ? count
            : throw new InvalidOperationException($"LoadTest:Users must be a whole number from 0 to {MaxUsers}, not '{text}'.");
    }

    public static string Name(int number) => string.Create(CultureInfo.InvariantCulture, $"load-{number:D5}");
}
