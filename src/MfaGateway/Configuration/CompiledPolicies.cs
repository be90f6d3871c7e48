using MfaGateway.Policies;

namespace MfaGateway.Configuration;

/// <summary>
/// The policies that compiled, plus the names of those that are defined but did not: a rule naming
/// a broken policy is not reported again as naming an unknown one (its own error says what is wrong).
/// </summary>
internal sealed class CompiledPolicies() : Dictionary<string, RoutePolicy>(StringComparer.OrdinalIgnoreCase)
{
    public HashSet<string> Rejected { get; } = new(StringComparer.OrdinalIgnoreCase);
}
