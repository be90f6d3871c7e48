using Microsoft.Extensions.Time.Testing;

namespace MfaGateway.Tests.Infrastructure;

public static class TimeStepExtensions
{
    /// <summary>Moves to the start of the next TOTP time step plus <paramref name="into"/> seconds, so codes are unambiguous.</summary>
    public static void AdvanceToNextTimeStep(this FakeTimeProvider time, int periodSeconds = 30, int into = 1)
    {
        var now = time.GetUtcNow();
        var seconds = now.ToUnixTimeSeconds();
        var next = ((seconds / periodSeconds) + 1) * periodSeconds;
        time.Advance(TimeSpan.FromSeconds(next - seconds + into) - TimeSpan.FromTicks(now.Ticks % TimeSpan.TicksPerSecond));
    }
}
