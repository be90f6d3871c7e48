using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace MfaGateway.Factors.Totp;

/// <summary>
/// Checks a typed code against the steps around now, with codes computed by Otp.NET.
/// </summary>
/// <remarks>
/// Otp.NET's own <c>VerifyTotp</c> is not used: it stops at the first step that matches and tries the
/// current step before the earlier and later ones, so its running time tells whether, and at which
/// step, a guess matched; and when two steps of the window share a code it reports the current step,
/// which would let that code pass again once the later step comes round. Here every step is computed
/// and compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, and the latest matching
/// step wins, so a code accepted once can never be accepted again (the caller stores that step).
/// </remarks>
public static class TotpCodeVerifier
{
    /// <summary>
    /// Largest accepted window. Each extra step widens the guessing odds and the replay period, and
    /// ten steps (five minutes at 30 s) is already far beyond any real clock drift.
    /// </summary>
    public const int MaxWindow = 10;

    /// <summary>The RFC 6238 time step floor(Unix time / period), 64-bit so times after 2038 work.</summary>
    public static long TimeStep(DateTimeOffset time, int periodSeconds)
    {
        var (quotient, remainder) = Math.DivRem(time.ToUnixTimeSeconds(), periodSeconds);

        // Division truncates toward zero; RFC 6238 wants the floor, which differs only before 1970.
        return remainder < 0 ? quotient - 1 : quotient;
    }

    /// <summary>Checks <paramref name="typed"/> against the steps [T - window, T + window] around <paramref name="now"/>.</summary>
    /// <param name="typed">What the user typed; spaces and hyphens between digits are ignored, anything else fails.</param>
    /// <param name="matchedStep">The latest step whose code matched, or 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is outside 0..10.</exception>
    public static bool TryMatch(IKeyProvider key, TotpFactorSettings settings, string? typed, DateTimeOffset now, int window, out long matchedStep)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, MaxWindow);

        matchedStep = 0;
        var code = TotpCode.Normalize(typed);
        if (code is null || code.Length != settings.Digits)
        {
            return false;
        }

        var totp = new OtpNet.Totp(key, settings.PeriodSeconds, settings.Algorithm, settings.Digits);
        Span<byte> submitted = stackalloc byte[settings.Digits];
        Span<byte> candidate = stackalloc byte[settings.Digits];
        Encoding.ASCII.GetBytes(code, submitted);

        var current = TimeStep(now, settings.PeriodSeconds);
        var found = false;
        long matched = 0;
        for (var step = current - window; step <= current + window; step++)
        {
            // No codes exist before the Unix epoch; this only matters for a clock set to 1970.
            if (step < 0)
            {
                continue;
            }

            Encoding.ASCII.GetBytes(totp.ComputeTotp(StepStart(step, settings.PeriodSeconds)), candidate);
            var matches = CryptographicOperations.FixedTimeEquals(candidate, submitted);

            // No early exit, and no branch on the comparison: later steps overwrite earlier ones.
            found |= matches;
            matched = matches ? step : matched;
        }

        CryptographicOperations.ZeroMemory(candidate);
        matchedStep = matched;
        return found;
    }

    // Otp.NET computes a code from a time, not a step: the step's first second names it exactly.
    private static DateTime StepStart(long step, int periodSeconds) => DateTime.UnixEpoch.AddTicks(step * periodSeconds * TimeSpan.TicksPerSecond);
}
