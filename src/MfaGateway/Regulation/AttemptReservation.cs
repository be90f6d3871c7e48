using MfaGateway.Storage;

namespace MfaGateway.Regulation;

/// <summary>
/// One attempt at a code, counted against the user and the client address before the code is
/// checked. Either <see cref="Refused"/> says why it may not be checked at all, or the counts it
/// was given decide what a wrong answer costs. It is settled once: failed, succeeded or released.
/// </summary>
public sealed class AttemptReservation
{
    private int _settled;

    internal AttemptReservation(UserRecord user, string? client, FailureCounts? userCounts, int? clientCount, Regulated? refused)
    {
        User = user;
        Client = client;
        UserCounts = userCounts;
        ClientCount = clientCount;
        Refused = refused;
    }

    public UserRecord User { get; }

    /// <summary>Null when the attempt may be checked.</summary>
    public Regulated? Refused { get; }

    internal string? Client { get; }

    /// <summary>The user's counts including this attempt; null when refused.</summary>
    internal FailureCounts? UserCounts { get; }

    /// <summary>The address's count including this attempt; null when refused or when client limits are off.</summary>
    internal int? ClientCount { get; }

    /// <summary>True for the first caller only: a reservation is settled once.</summary>
    internal bool TrySettle() => Refused is null && Interlocked.Exchange(ref _settled, 1) == 0;
}
