using System.Globalization;

namespace MfaGateway.DemoApp.Accounts;

/// <summary>Amounts are euros with cents; formatting is culture-independent so pages and JSON read the same everywhere.</summary>
internal static class Money
{
    public const string Currency = "EUR";

    public static string Format(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Accepts plain decimals like <c>25</c> or <c>25.00</c>; no signs, exponents or thousands separators.</summary>
    public static bool TryParse(string? text, out decimal amount) =>
        decimal.TryParse(
            text,
            NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture,
            out amount);

    public static bool HasAtMostCents(decimal amount) => decimal.Round(amount, 2) == amount;

    /// <summary>
    /// Gives the amount exactly two decimal places. Decimal keeps its scale, so <c>25</c> becomes <c>25.00</c>,
    /// which is how JSON and pages show it.
    /// </summary>
    public static decimal ToCents(decimal amount) => decimal.Round(amount, 2) + 0.00m;
}
