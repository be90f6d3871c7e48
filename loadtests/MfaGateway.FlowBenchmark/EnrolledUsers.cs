namespace MfaGateway.FlowBenchmark;

/// <summary>
/// Hands out users so that no TOTP code is used twice: a code works once per user and time step, and
/// the gateway accepts the next step's code too (window 1), so each user serves at most two flows per
/// 30-second step. A worker that finds no user left waits for the next step; such waits are counted.
/// </summary>
public sealed class EnrolledUsers(IReadOnlyList<(string Name, string Secret, long EnrolledStep)> users)
{
    private readonly Lock _gate = new();
    private readonly long[] _lastStep = users.Select(user => user.EnrolledStep).ToArray();
    private int _next;

    public int Starved { get; private set; }

    public async Task<(string Name, string Secret, long Step)> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            lock (_gate)
            {
                for (var tried = 0; tried < users.Count; tried++)
                {
                    var i = _next;
                    _next = (_next + 1) % users.Count;

                    // The current step first, then the next one; never a step the user already used.
                    var step = _lastStep[i] < now ? now : _lastStep[i] == now ? now + 1 : long.MaxValue;
                    if (step != long.MaxValue)
                    {
                        _lastStep[i] = step;
                        return (users[i].Name, users[i].Secret, step);
                    }
                }

                Starved++;
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
