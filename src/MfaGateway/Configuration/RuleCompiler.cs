using MfaGateway.Networking;
using MfaGateway.Policies;
using MfaGateway.Validation;

namespace MfaGateway.Configuration;

internal static class RuleCompiler
{
    private static readonly HashSet<string> KnownMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT",
    };

    public static List<PolicyRule> Compile(GatewayOptions options, CompiledPolicies policies, ISet<string> routeIds, ICollection<ConfigError> errors)
    {
        var rules = new List<PolicyRule>();
        for (var index = 0; index < options.Rules.Count; index++)
        {
            var rule = options.Rules[index];
            var ruleErrors = new List<ConfigError>();
            if (Compile(rule, index, policies, routeIds, ruleErrors) is { } compiled)
            {
                rules.Add(compiled);
            }

            // The key stays the index an operator edits; the rule's name helps find it in a long list.
            foreach (var error in ruleErrors)
            {
                errors.Add(rule.Name is null ? error : error with { Message = $"{error.Message} (rule '{rule.Name}')" });
            }
        }

        return rules;
    }

    private static PolicyRule? Compile(RuleOptions rule, int index, CompiledPolicies policies, ISet<string> routeIds, List<ConfigError> errors)
    {
        var where = $"Gateway:Rules:{index}";
        var policy = PolicyCompiler.Lookup(policies, rule.Policy, $"{where}:Policy", errors);

        var hosts = new List<HostPattern>();
        foreach (var host in rule.Hosts)
        {
            if (HostPattern.TryParse(host, out var pattern, out var error))
            {
                hosts.Add(pattern!);
            }
            else
            {
                errors.Add($"{where}:Hosts", error!);
            }
        }

        var paths = CompilePaths(rule.Paths, $"{where}:Paths", errors);

        foreach (var method in rule.Methods.Where(m => !KnownMethods.Contains(m)))
        {
            errors.Add($"{where}:Methods", $"'{method}' is not an HTTP method");
        }

        foreach (var route in rule.Routes.Where(r => !routeIds.Contains(r)))
        {
            errors.Add($"{where}:Routes", $"no ReverseProxy route is named '{route}'");
        }

        var networks = NetworkCondition.Parse(rule.Networks, $"{where}:Networks", errors);
        return policy is null ? null : new PolicyRule(
            rule.Name ?? $"rule {index}",
            hosts,
            paths,
            new HashSet<string>(rule.Methods.Select(m => m.ToUpperInvariant()), StringComparer.OrdinalIgnoreCase),
            networks,
            new HashSet<string>(rule.Routes, StringComparer.OrdinalIgnoreCase),
            policy);
    }

    public static List<PathPattern> CompilePaths(IEnumerable<string> texts, string where, ICollection<ConfigError> errors)
    {
        var paths = new List<PathPattern>();
        foreach (var text in texts)
        {
            if (PathPattern.TryParse(text, out var pattern, out var error))
            {
                paths.Add(pattern!);
            }
            else
            {
                errors.Add(where, error!);
            }
        }

        return paths;
    }
}
