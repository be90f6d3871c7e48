using PhoneNumbers;

namespace MfaGateway.Factors.Sms;

/// <summary>A number as the sms factor keeps it: E.164, and the ISO region it belongs to.</summary>
public sealed record PhoneNumberEntry(string E164, string Region, int CountryCode);

/// <summary>
/// Phone numbers through Google's libphonenumber: what the user typed, read in the default region when
/// it has no +country code, must be a valid number that can receive texts, in an allowed region.
/// </summary>
public static class MobileNumbers
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool IsRegion(string region) => Util.GetSupportedRegions().Contains(region);

    public static bool TryNormalize(string? input, string? defaultRegion, IReadOnlySet<string> allowedRegions, out PhoneNumberEntry? entry, out string problem)
    {
        entry = null;
        var trimmed = input?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            problem = "Enter your mobile number.";
            return false;
        }

        if (trimmed.Length > 32 || trimmed.Any(char.IsControl))
        {
            problem = "That is not a phone number. Enter your mobile number with its country code, like +44 7700 900123.";
            return false;
        }

        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(trimmed, defaultRegion ?? "ZZ");
        }
        catch (NumberParseException)
        {
            problem = defaultRegion is null
                ? "That is not a phone number. Enter your mobile number with its country code, like +44 7700 900123."
                : "That is not a phone number. Check the digits, or enter it with its country code.";
            return false;
        }

        if (!Util.IsValidNumber(parsed))
        {
            problem = "That number does not exist. Check the digits and the country code.";
            return false;
        }

        var type = Util.GetNumberType(parsed);
        if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            problem = "That number cannot receive text messages. Enter a mobile number.";
            return false;
        }

        var region = Util.GetRegionCodeForNumber(parsed);
        if (region is null || !allowedRegions.Contains(region))
        {
            problem = "Text messages cannot be sent to numbers in that country. Use an authenticator app or a passkey instead.";
            return false;
        }

        entry = new PhoneNumberEntry(Util.Format(parsed, PhoneNumberFormat.E164), region, parsed.CountryCode);
        problem = string.Empty;
        return true;
    }

    /// <summary>The region and country code of a stored E.164 number; null when it no longer parses.</summary>
    public static PhoneNumberEntry? Describe(string e164)
    {
        try
        {
            var parsed = Util.Parse(e164, "ZZ");
            return Util.GetRegionCodeForNumber(parsed) is { } region ? new PhoneNumberEntry(e164, region, parsed.CountryCode) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>"+44 ••••••• 123": the country code and the last three digits, enough to recognise one's own number.</summary>
    public static string Mask(string e164)
    {
        string prefix;
        try
        {
            prefix = $"+{Util.Parse(e164, "ZZ").CountryCode}";
        }
        catch (NumberParseException)
        {
            prefix = "+";
        }

        var tail = e164.Length >= 3 ? e164[^3..] : string.Empty;
        return $"{prefix} ••••••• {tail}";
    }
}
