using System.Security.Cryptography;

namespace MfaGateway.Protocols.Otp;

/// <summary>Time-based one-time passwords (RFC 6238) for one key and one set of parameters.</summary>
public sealed class Totp
{
    /// <summary>
    /// Largest accepted verification window. Each extra step widens the guessing odds and the replay
    /// period, and ten steps (five minutes at 30 s) is already far beyond any real clock drift.
    /// </summary>
    private const int MaxWindow = 10;

    private readonly IOtpKey key;

    /// <summary>Creates a TOTP generator and verifier.</summary>
    public Totp(IOtpKey key, TotpParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(parameters);
        this.key = key;
        Parameters = parameters;
    }

    /// <summary>The algorithm, code length and period in use.</summary>
    public TotpParameters Parameters { get; }

    /// <summary>
    /// The RFC 6238 time step T = floor((Unix time - T0) / X) with T0 = 0.
    /// 64-bit throughout, so times after 2038 work (RFC 6238 section 4.2).
    /// </summary>
    public long GetTimeStep(DateTimeOffset time)
    {
        var unixSeconds = time.ToUnixTimeSeconds();
        var step = unixSeconds / Parameters.PeriodSeconds;

        // C# division truncates toward zero; RFC 6238 wants the floor, which differs only before 1970.
        var hasRemainder = unixSeconds % Parameters.PeriodSeconds != 0;
        return unixSeconds < 0 && hasRemainder ? step - 1 : step;
    }

    /// <summary>The code valid at <paramref name="time"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is before the Unix epoch.</exception>
    public string ComputeCode(DateTimeOffset time) => ComputeCodeForStep(GetTimeStep(time));

    /// <summary>The code for time step <paramref name="timeStep"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeStep"/> is negative.</exception>
    public string ComputeCodeForStep(long timeStep) =>
        Hotp.ComputeCode(key, timeStep, Parameters.Digits, Parameters.Algorithm);

    /// <summary>
    /// Checks <paramref name="code"/> against the time steps [T - window, T + window], T = <see cref="GetTimeStep"/>(<paramref name="now"/>).
    /// </summary>
    /// <param name="code">What the user typed. Wrong length or non-digits simply fail verification.</param>
    /// <param name="now">The server's current time.</param>
    /// <param name="window">Steps of clock drift tolerated on either side, 0..10.</param>
    /// <param name="lastAcceptedStep">
    /// The step returned by the last successful verification for this key, or null if there was none.
    /// Only later steps are accepted, so a code can never be used twice (RFC 6238 section 5.2);
    /// the caller must persist <paramref name="matchedStep"/> atomically with accepting the login.
    /// </param>
    /// <param name="matchedStep">The step whose code matched, or 0 when verification fails.</param>
    /// <returns>True when the code matches an eligible step in the window.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is outside 0..10.</exception>
    public bool TryVerify(string code, DateTimeOffset now, int window, long? lastAcceptedStep, out long matchedStep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, MaxWindow);

        matchedStep = 0;
        var digits = Parameters.Digits;
        if (!IsWellFormed(code, digits))
        {
            return false;
        }

        Span<byte> submitted = stackalloc byte[digits];
        for (var i = 0; i < digits; i++)
        {
            submitted[i] = (byte)code[i];
        }

        Span<byte> candidate = stackalloc byte[digits];
        var currentStep = GetTimeStep(now);
        var found = false;
        long matched = 0;

        // Every step in the window is computed and compared, and the loop never exits early,
        // so the response time does not tell an attacker whether (or at which step) a code matched.
        for (var step = currentStep - window; step <= currentStep + window; step++)
        {
            // No codes exist before the Unix epoch; this only matters for clocks set to 1970.
            if (step < 0)
            {
                continue;
            }

            var candidateValue = Hotp.Compute(key, step, digits, Parameters.Algorithm);
            OtpDigits.WriteAscii(candidateValue, digits, candidate);
            var matches = CryptographicOperations.FixedTimeEquals(candidate, submitted);
            var notYetUsed = lastAcceptedStep is not { } last || step > last;
            var accepted = matches & notYetUsed;

            // Later steps win, so if two steps share a code the higher one is recorded and neither can be replayed.
            found |= accepted;
            matched = accepted ? step : matched;
        }

        CryptographicOperations.ZeroMemory(candidate);
        matchedStep = matched;
        return found;
    }

    private static bool IsWellFormed(string? code, int digits)
    {
        if (code is null || code.Length != digits)
        {
            return false;
        }

        foreach (var c in code)
        {
            // Not char.IsDigit: that also accepts Arabic-Indic and other Unicode digits.
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
