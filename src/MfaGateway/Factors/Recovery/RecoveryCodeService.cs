using MfaGateway.Storage;

namespace MfaGateway.Factors.Recovery;

/// <summary>Issues, checks and counts a user's recovery codes.</summary>
public sealed class RecoveryCodeService(IRecoveryCodeStore store, TimeProvider time)
{
    /// <summary>Warn the user when this many codes or fewer are left.</summary>
    public const int LowWatermark = 2;

    /// <summary>Replaces the user's codes with <paramref name="count"/> new ones, returned once in plain form and never stored so.</summary>
    public async Task<IReadOnlyList<string>> GenerateAsync(long userId, int count, CancellationToken cancellationToken)
    {
        var codes = Enumerable.Range(0, count).Select(_ => RecoveryCode.Generate()).ToList();
        var salt = RecoveryCodeHasher.NewSalt();
        var hashes = codes.Select(code => RecoveryCodeHasher.Hash(RecoveryCode.Normalize(code)!, salt)).ToList();
        await store.ReplaceAsync(userId, salt, hashes, time.GetUtcNow(), cancellationToken);
        return codes;
    }

    /// <summary>Uses the code if it is one of the user's unused codes; each code works once (atomic).</summary>
    public async Task<bool> TryUseAsync(long userId, string? typed, CancellationToken cancellationToken)
    {
        var canonical = RecoveryCode.Normalize(typed);
        var salt = await store.GetSaltAsync(userId, cancellationToken);
        if (canonical is null || salt is null)
        {
            return false;
        }

        return await store.TryUseAsync(userId, RecoveryCodeHasher.Hash(canonical, salt), time.GetUtcNow(), cancellationToken);
    }

    public Task<int> CountRemainingAsync(long userId, CancellationToken cancellationToken) => store.CountRemainingAsync(userId, cancellationToken);

    public Task RemoveAllAsync(long userId, CancellationToken cancellationToken) => store.RemoveAllAsync(userId, cancellationToken);
}
