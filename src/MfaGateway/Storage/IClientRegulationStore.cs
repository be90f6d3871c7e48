namespace MfaGateway.Storage;

/// <summary>
/// Wrong-code counts and bans per client address, kept durably next to the users' so that a restart
/// does not reset them and the command line (another process) can lift them.
/// </summary>
public interface IClientRegulationStore
{
    /// <summary>
    /// Counts one more attempt from <paramref name="client"/> for <paramref name="userId"/> before it is
    /// checked, in one atomic step, only while the address is not banned and has fewer than
    /// <paramref name="maxInWindow"/> attempts within <paramref name="window"/>. Returns the count, or
    /// null when refused (nothing counted). The user is remembered as having tried from the address.
    /// </summary>
    Task<int?> CountAttemptAsync(string client, long userId, DateTimeOffset now, TimeSpan window, int maxInWindow, CancellationToken cancellationToken);

    /// <summary>A counted attempt that was not a wrong code: the count one back, never below zero.</summary>
    Task ReleaseAttemptAsync(string client, CancellationToken cancellationToken);

    /// <summary>Bans the address until <paramref name="until"/>; its window count starts again after.</summary>
    Task BanAsync(string client, DateTimeOffset until, CancellationToken cancellationToken);

    Task<DateTimeOffset?> BannedUntilAsync(string client, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Lifts the bans and clears the counts of every address the user tried codes from (an
    /// administrator's unlock); returns the addresses whose ban was lifted.
    /// </summary>
    Task<IReadOnlyList<string>> LiftForUserAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken);
}
