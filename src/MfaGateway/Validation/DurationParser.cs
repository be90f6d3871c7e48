using System.Globalization;
using System.Text.RegularExpressions;

namespace MfaGateway.Validation;

/// <summary>Reads "90s", "5m", "1h30m", "7d", "250ms" or a TimeSpan ("00:05:00").</summary>
public static partial class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var match = UnitsPattern().Match(text);
        if (match.Success)
        {
            var total = TimeSpan.Zero;
            var numbers = match.Groups["number"].Captures;
            var units = match.Groups["unit"].Captures;
            for (var i = 0; i < numbers.Count; i++)
            {
                var number = long.Parse(numbers[i].Value, CultureInfo.InvariantCulture);
                total += units[i].Value switch
                {
                    "d" => TimeSpan.FromDays(number),
                    "h" => TimeSpan.FromHours(number),
                    "m" => TimeSpan.FromMinutes(number),
                    "s" => TimeSpan.FromSeconds(number),
                    _ => TimeSpan.FromMilliseconds(number),
                };
            }

            duration = total;
            return total > TimeSpan.Zero;
        }

        // Only the colon form: TimeSpan reads a bare "5" as five days, which nobody writing "5" means.
        return text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(?:(?<number>\d{1,9})(?<unit>ms|d|h|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitsPattern();
}
