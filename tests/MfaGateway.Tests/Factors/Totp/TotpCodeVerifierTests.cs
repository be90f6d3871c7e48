using MfaGateway.Factors.Totp;
using OtpNet;

namespace MfaGateway.Tests.Factors.Totp;

public sealed class TotpCodeVerifierTests : IDisposable
{
    // In the middle of a step, so the tests never depend on wall time.
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 15, TimeSpan.Zero);

    private readonly TotpKey _key = new(RfcSeeds.For(OtpHashMode.Sha1));
    private readonly long _current = TotpCodeVerifier.TimeStep(Now, 30);

    public void Dispose() => _key.Dispose();

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void A_window_of_one_accepts_the_previous_current_and_next_step_and_names_it(int offset)
    {
        Assert.True(TotpCodeVerifier.TryMatch(_key, TotpFactorSettings.Default, CodeOf(_current + offset), Now, 1, out var step));
        Assert.Equal(_current + offset, step);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public void A_window_of_one_refuses_steps_two_away(int offset)
    {
        var code = CodeUnlikeSteps(_current + offset, _current - 1, _current + 1);

        Assert.False(TotpCodeVerifier.TryMatch(_key, TotpFactorSettings.Default, code, Now, 1, out var step));
        Assert.Equal(0, step);
    }

    [Fact]
    public void A_window_of_zero_accepts_only_the_current_step()
    {
        Assert.False(TotpCodeVerifier.TryMatch(_key, TotpFactorSettings.Default, CodeUnlikeSteps(_current + 1, _current, _current), Now, 0, out _));
        Assert.True(TotpCodeVerifier.TryMatch(_key, TotpFactorSettings.Default, CodeOf(_current), Now, 0, out _));
    }

    [Fact]
    public void A_window_of_ten_accepts_a_code_ten_steps_old()
    {
        Assert.True(TotpCodeVerifier.TryMatch(_key, TotpFactorSettings.Default, CodeOf(_current - 10), Now, 10, out var step));
        Assert.Equal(_current - 10, step);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Windows_outside_zero_to_ten_are_refused(int window)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TotpCodeVerifier.TryMatch(_key, TotpFactorSettings.Default, CodeOf(_current), Now, window, out _));
    }

    [Fact]
    public void When_steps_share_a_code_the_latest_step_is_the_one_matched()
    {
        // Every step has the same code under a key whose HMAC ignores the counter; Otp.NET's own
        // VerifyTotp would name the current step, and the same code could then pass again a step later.
        using var constant = new ConstantHmacKey();
        var code = new OtpNet.Totp(constant).ComputeTotp(Now.UtcDateTime);

        Assert.True(TotpCodeVerifier.TryMatch(constant, TotpFactorSettings.Default, code, Now, 2, out var step));
        Assert.Equal(_current + 2, step);
    }

    [Fact]
    public void Every_step_of_the_window_is_computed_whether_or_not_a_code_matched()
    {
        // No early exit: a match at the first step tried costs as many HMACs as no match at all.
        using var counting = new ConstantHmacKey();
        var code = new OtpNet.Totp(counting).ComputeTotp(Now.UtcDateTime);
        var before = counting.Computed;

        TotpCodeVerifier.TryMatch(counting, TotpFactorSettings.Default, code, Now, 3, out _);
        var matching = counting.Computed - before;
        TotpCodeVerifier.TryMatch(counting, TotpFactorSettings.Default, "000000" == code ? "111111" : "000000", Now, 3, out _);

        Assert.Equal(7, matching);
        Assert.Equal(7, counting.Computed - before - matching);
    }

    [Theory]
    [InlineData("123 456")]
    [InlineData("123-456")]
    public void Codes_grouped_as_apps_show_them_verify(string layout)
    {
        var code = CodeOf(_current);
        var typed = layout.Replace("123", code[..3], StringComparison.Ordinal).Replace("456", code[3..], StringComparison.Ordinal);

        Assert.True(TotpCodeVerifier.TryMatch(_key, TotpFactorSettings.Default, typed, Now, 0, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    [InlineData("abcdef")]
    [InlineData("١٢٣٤٥٦")] // Arabic-Indic digits are digits to char.IsDigit but never part of a code.
    public void Malformed_codes_fail_without_throwing(string? code)
    {
        Assert.False(TotpCodeVerifier.TryMatch(_key, TotpFactorSettings.Default, code, Now, 1, out var step));
        Assert.Equal(0, step);
    }

    [Fact]
    public void Eight_digit_settings_need_all_eight_digits()
    {
        var eight = TotpFactorSettings.Default with { Digits = 8 };
        var code = new OtpNet.Totp(RfcSeeds.For(OtpHashMode.Sha1), totpSize: 8).ComputeTotp(Now.UtcDateTime);

        Assert.True(TotpCodeVerifier.TryMatch(_key, eight, code, Now, 0, out _));
        Assert.False(TotpCodeVerifier.TryMatch(_key, eight, code[2..], Now, 0, out _));
    }

    [Fact]
    public void Near_the_epoch_steps_before_1970_are_skipped()
    {
        Assert.True(TotpCodeVerifier.TryMatch(_key, TotpFactorSettings.Default, CodeOf(0), DateTimeOffset.UnixEpoch, 2, out var step));
        Assert.Equal(0, step);
    }

    [Theory]
    [InlineData(-1L, -1L)]
    [InlineData(-30L, -1L)]
    [InlineData(-31L, -2L)]
    [InlineData(29L, 0L)]
    [InlineData(30L, 1L)]
    public void Time_steps_round_down(long unixTime, long expected)
    {
        Assert.Equal(expected, TotpCodeVerifier.TimeStep(DateTimeOffset.FromUnixTimeSeconds(unixTime), 30));
    }

    /// <summary>The code of <paramref name="step"/>, computed with Otp.NET alone.</summary>
    private static string CodeOf(long step) =>
        new OtpNet.Totp(RfcSeeds.For(OtpHashMode.Sha1)).ComputeTotp(DateTime.UnixEpoch.AddSeconds(step * 30.0));

    // With 6 digits two steps share a code about once in a million; a refusal only shows something
    // if the refused code is not also the code of a step that should pass.
    private static string CodeUnlikeSteps(long step, long first, long last)
    {
        var code = CodeOf(step);
        for (var other = first; other <= last; other++)
        {
            Assert.NotEqual(CodeOf(other), code);
        }

        return code;
    }

    /// <summary>An HMAC that is the same for every counter, and counts how often it was asked.</summary>
    private sealed class ConstantHmacKey : IKeyProvider, IDisposable
    {
        private int _computed;

        public int Computed => _computed;

        public byte[] ComputeHmac(OtpHashMode mode, byte[] data)
        {
            Interlocked.Increment(ref _computed);
            return [.. Enumerable.Range(1, 20).Select(i => (byte)(i * 13))];
        }

        public void Dispose()
        {
        }
    }
}
