using MfaGateway.Protocols.Otp;

namespace MfaGateway.Protocols.Tests.Otp;

public sealed class TotpVerificationTests : IDisposable
{
    // A fixed clock in the middle of a step, so the tests never depend on wall time.
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 15, TimeSpan.Zero);

    private readonly InMemoryOtpKey key = new(RfcSeeds.Sha1);
    private readonly Totp totp;
    private readonly long currentStep;

    public TotpVerificationTests()
    {
        totp = new Totp(key, TotpParameters.Default);
        currentStep = totp.GetTimeStep(Now);
    }

    public void Dispose() => key.Dispose();

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Window_of_one_accepts_the_previous_current_and_next_step(int offset)
    {
        var code = totp.ComputeCodeForStep(currentStep + offset);

        Assert.True(totp.TryVerify(code, Now, 1, null, out var matchedStep));
        Assert.Equal(currentStep + offset, matchedStep);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public void Window_of_one_rejects_steps_two_away(int offset)
    {
        var code = CodeDifferentFromSteps(currentStep + offset, currentStep - 1, currentStep + 1);

        Assert.False(totp.TryVerify(code, Now, 1, null, out var matchedStep));
        Assert.Equal(0, matchedStep);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Window_of_zero_accepts_only_the_current_step(int offset)
    {
        var neighbour = CodeDifferentFromSteps(currentStep + offset, currentStep, currentStep);

        Assert.False(totp.TryVerify(neighbour, Now, 0, null, out _));
        Assert.True(totp.TryVerify(totp.ComputeCodeForStep(currentStep), Now, 0, null, out var matchedStep));
        Assert.Equal(currentStep, matchedStep);
    }

    [Fact]
    public void A_code_accepted_once_is_refused_when_replayed()
    {
        var code = totp.ComputeCodeForStep(currentStep);
        Assert.True(totp.TryVerify(code, Now, 1, null, out var acceptedStep));

        Assert.False(totp.TryVerify(code, Now, 1, acceptedStep, out _));
    }

    [Fact]
    public void After_accepting_the_current_step_the_next_step_is_still_accepted()
    {
        var nextCode = totp.ComputeCodeForStep(currentStep + 1);

        Assert.True(totp.TryVerify(nextCode, Now, 1, currentStep, out var matchedStep));
        Assert.Equal(currentStep + 1, matchedStep);
    }

    [Fact]
    public void Earlier_steps_are_refused_once_a_later_step_was_accepted()
    {
        var previousCode = CodeDifferentFromSteps(currentStep - 1, currentStep, currentStep + 1);

        Assert.False(totp.TryVerify(previousCode, Now, 1, currentStep, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    [InlineData("abcdef")]
    [InlineData("12 345")]
    [InlineData("-12345")]
    [InlineData("١٢٣٤٥٦")] // Arabic-Indic digits are digits to char.IsDigit but never part of a code.
    public void Malformed_codes_fail_without_throwing(string code)
    {
        Assert.False(totp.TryVerify(code, Now, 1, null, out var matchedStep));
        Assert.Equal(0, matchedStep);
    }

    [Fact]
    public void Null_code_fails_without_throwing()
    {
        Assert.False(totp.TryVerify(null!, Now, 1, null, out _));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Window_outside_zero_to_ten_is_rejected(int window)
    {
        var code = totp.ComputeCodeForStep(currentStep);

        Assert.Throws<ArgumentOutOfRangeException>(() => totp.TryVerify(code, Now, window, null, out _));
    }

    [Fact]
    public void Window_of_ten_accepts_a_code_ten_steps_old()
    {
        var code = totp.ComputeCodeForStep(currentStep - 10);

        Assert.True(totp.TryVerify(code, Now, 10, null, out var matchedStep));
        Assert.Equal(currentStep - 10, matchedStep);
    }

    [Fact]
    public void Verification_near_the_epoch_skips_steps_before_1970()
    {
        DateTimeOffset epoch = DateTimeOffset.UnixEpoch;

        Assert.True(totp.TryVerify(totp.ComputeCodeForStep(0), epoch, 2, null, out var matchedStep));
        Assert.Equal(0, matchedStep);
    }

    [Fact]
    public void Eight_digit_parameters_require_eight_digit_codes()
    {
        var eightDigits = new Totp(key, TotpParameters.Default with { Digits = 8 });
        var code = eightDigits.ComputeCodeForStep(currentStep);

        Assert.True(eightDigits.TryVerify(code, Now, 0, null, out _));
        Assert.False(eightDigits.TryVerify(code[2..], Now, 0, null, out _));
    }

    // With 6 digits two steps share a code about once in a million; a negative test is only
    // meaningful if the rejected code is not also the code of a step that should be accepted.
    private string CodeDifferentFromSteps(long step, long firstStep, long lastStep)
    {
        var code = totp.ComputeCodeForStep(step);
        for (var other = firstStep; other <= lastStep; other++)
        {
            Assert.NotEqual(totp.ComputeCodeForStep(other), code);
        }

        return code;
    }
}
