namespace MfaGateway.Policies;

/// <summary>
/// Which of two policies asks more of a request, for a path that could be read two ways: the
/// gateway then applies the one that asks more, so the looser reading is never the way in.
/// </summary>
public static class PolicyStrictness
{
    public static RoutePolicy Stricter(RoutePolicy first, RoutePolicy second)
    {
        var (a, b) = (Rank(first.Level), Rank(second.Level));
        if (a != b)
        {
            return a > b ? first : second;
        }

        // Same level: a step-up freshness limit asks more than none, a shorter one more than a longer one.
        return second.MaxAge is { } maxAge && (first.MaxAge is null || maxAge < first.MaxAge) ? second : first;
    }

    /// <summary>Deny refuses; Required challenges every sign-in, RiskBased only an unusual one; and so on down to Bypass.</summary>
    private static int Rank(PolicyLevel level) => level switch
    {
        PolicyLevel.Deny => 5,
        PolicyLevel.Required => 4,
        PolicyLevel.RiskBased => 3,
        PolicyLevel.Optional => 2,
        PolicyLevel.Disabled => 1,
        _ => 0,
    };
}
