namespace MfaGateway.Factors;

/// <summary>
/// The factor implementations this gateway has, one per type. A type with no implementation is not
/// offered at challenges, whatever a policy lists; a policy cannot name a type that is not known.
/// </summary>
public sealed class FactorSet
{
    private readonly Dictionary<string, IChallengeFactor> _byType = new(StringComparer.Ordinal);

    /// <summary>The first registration of a type wins, so a host or test can put its own ahead of the gateway's.</summary>
    /// <exception cref="InvalidOperationException">A factor is not exactly one of the three kinds the challenge flow drives.</exception>
    public FactorSet(IEnumerable<IChallengeFactor> factors)
    {
        foreach (var factor in factors)
        {
            var kinds = (factor is ICodeFactor ? 1 : 0) + (factor is ISentCodeFactor ? 1 : 0) + (factor is IAssertionFactor ? 1 : 0);
            if (kinds != 1)
            {
                throw new InvalidOperationException(
                    $"Factor '{factor.Type}' ({factor.GetType().Name}) must implement exactly one of ICodeFactor, ISentCodeFactor or IAssertionFactor, so the challenge flow knows how to drive it.");
            }

            _byType.TryAdd(factor.Type, factor);
        }
    }

    public IReadOnlyCollection<IChallengeFactor> All => _byType.Values;

    public IChallengeFactor? Find(string? type) => type is not null && _byType.TryGetValue(type, out var factor) ? factor : null;

    /// <summary>Shown for a factor type, falling back to the type's name when no implementation is registered.</summary>
    public string DisplayName(string type) => Find(type)?.DisplayName ?? type;
}
