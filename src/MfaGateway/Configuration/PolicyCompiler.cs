using Fido2NetLib.Objects;
using MfaGateway.Factors;
using MfaGateway.Policies;
using MfaGateway.Risk;
using MfaGateway.Validation;

namespace MfaGateway.Configuration;

internal static class PolicyCompiler
{
    /// <param name="unavailable">
    /// Factor types whose section is not configured (no WebAuthn relying party, no SMTP server, no SMS
    /// provider), with what is missing: a policy may not list them, and an empty list leaves them out.
    /// </param>
    public static CompiledPolicies Compile(GatewayOptions options, IReadOnlyDictionary<string, string> unavailable, ICollection<ConfigError> errors)
    {
        var enabled = FactorTypes.Known.Where(f => !unavailable.ContainsKey(f)).ToList();
        var policies = new CompiledPolicies();
        if (options.Policies.Count == 0)
        {
            errors.Add("Gateway:Policies", "at least one policy must be defined");
        }

        foreach (var (name, policy) in options.Policies)
        {
            var where = $"Gateway:Policies:{name}";
            if (!ConfigEnum.TryParse<PolicyLevel>(policy.Level, out var level))
            {
                errors.Add($"{where}:Level", ConfigEnum.NotOneOf<PolicyLevel>(policy.Level));
                policies.Rejected.Add(name);
                continue;
            }

            var factors = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var factor in policy.Factors)
            {
                if (!FactorTypes.Known.Contains(factor))
                {
                    errors.Add($"{where}:Factors", $"unknown factor '{factor}' (known: {string.Join(", ", FactorTypes.Known)})");
                }
                else if (unavailable.TryGetValue(factor.ToLowerInvariant(), out var missing))
                {
                    errors.Add($"{where}:Factors", $"lists {factor.ToLowerInvariant()}, but {missing}");
                }
                else
                {
                    factors.Add(factor.ToLowerInvariant());
                }
            }

            if (factors.Count == 0)
            {
                factors.UnionWith(enabled);
            }

            var userVerification = CompileUserVerification(policy.UserVerification, factors, where, errors);

            TimeSpan? maxAge = null;
            if (policy.MaxAge is not null)
            {
                if (DurationParser.TryParse(policy.MaxAge, out var parsed))
                {
                    maxAge = parsed;
                }
                else
                {
                    errors.Add($"{where}:MaxAge", $"'{policy.MaxAge}' is not a positive duration (e.g. \"5m\", \"1h30m\", \"00:05:00\")");
                }
            }

            if (maxAge is not null && level is PolicyLevel.Bypass or PolicyLevel.Deny or PolicyLevel.Disabled)
            {
                errors.Add($"{where}:MaxAge", $"has no meaning for level {level}");
            }

            TimeSpan? grace = null;
            if (policy.GracePeriod is not null)
            {
                if (!DurationParser.TryParse(policy.GracePeriod, out var parsed))
                {
                    errors.Add($"{where}:GracePeriod", $"'{policy.GracePeriod}' is not a positive duration (e.g. \"7d\")");
                }
                else if (level is not (PolicyLevel.Required or PolicyLevel.RiskBased))
                {
                    errors.Add($"{where}:GracePeriod", "only Required and RiskBased policies make users enrol, so only they can grant a grace period");
                }
                else
                {
                    grace = parsed;
                }
            }

            if (policy.RecoveryCodes is < 0 or > 50)
            {
                errors.Add($"{where}:RecoveryCodes", $"{policy.RecoveryCodes} is outside 0..50");
            }

            if (policy.TrustedDevices.Enabled && policy.TrustedDevices.Days is < 1 or > 365)
            {
                errors.Add($"{where}:TrustedDevices:Days", $"{policy.TrustedDevices.Days} is outside 1..365");
            }

            if (maxAge is not null && level == PolicyLevel.RiskBased)
            {
                errors.Add($"{where}:MaxAge", "a RiskBased policy challenges only when a trigger fires; use a Required policy with MaxAge for step-up routes");
            }

            // Under RiskBased every browser that passed MFA is recognised already, and a fired trigger
            // outweighs a remembered device: offering "Remember this device" there would promise nothing.
            if (policy.TrustedDevices.Enabled && level == PolicyLevel.RiskBased)
            {
                errors.Add($"{where}:TrustedDevices", "a RiskBased policy already recognises every browser the user passed MFA on, and a fired trigger outweighs a remembered device, so \"Remember this device\" would change nothing; remove TrustedDevices");
            }

            if (!ConfigEnum.TryParse<FirstEnrolment>(policy.FirstEnrolment, out var firstEnrolment))
            {
                errors.Add($"{where}:FirstEnrolment", ConfigEnum.NotOneOf<FirstEnrolment>(policy.FirstEnrolment));
            }

            if (policy.EmailLink && !factors.Contains(FactorTypes.Email))
            {
                errors.Add($"{where}:EmailLink", "sign-in links go out with e-mail codes: the policy must allow email");
            }

            var risk = CompileRisk(policy.Risk, level, where, errors);
            policies[name] = new RoutePolicy(name, level, factors, maxAge)
            {
                Risk = risk,
                GracePeriod = grace,
                RecoveryCodeCount = policy.RecoveryCodes,
                TrustedDeviceLifetime = policy.TrustedDevices.Enabled ? TimeSpan.FromDays(policy.TrustedDevices.Days) : null,
                UserVerification = userVerification,
                FirstEnrolment = firstEnrolment,
                EmailLink = policy.EmailLink,
            };
        }

        return policies;
    }

    private static UserVerificationRequirement? CompileUserVerification(string? value, IReadOnlySet<string> factors, string where, ICollection<ConfigError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!factors.Contains(FactorTypes.WebAuthn))
        {
            errors.Add($"{where}:UserVerification", "only passkeys and security keys verify users; this policy does not allow webauthn");
            return null;
        }

        // Discouraged would let a stolen security key pass alone, which no policy of ours should ask for.
        if (ConfigEnum.TryParse<UserVerificationRequirement>(value, out var parsed) && parsed != UserVerificationRequirement.Discouraged)
        {
            return parsed;
        }

        errors.Add($"{where}:UserVerification", $"'{value}' is not Preferred or Required");
        return null;
    }

    private static RiskRules? CompileRisk(PolicyRiskOptions? options, PolicyLevel level, string where, ICollection<ConfigError> errors)
    {
        if (level != PolicyLevel.RiskBased)
        {
            if (options is not null)
            {
                errors.Add($"{where}:Risk", $"only a RiskBased policy has risk triggers (this policy is {level})");
            }

            return null;
        }

        if (options is null)
        {
            return RiskRules.AllChallenge;
        }

        RiskAction Action(string? value, string trigger)
        {
            if (value is null)
            {
                return RiskAction.Challenge;
            }

            if (ConfigEnum.TryParse<RiskAction>(value, out var action))
            {
                return action;
            }

            errors.Add($"{where}:Risk:{trigger}", $"'{value}' is not one of Off, Challenge, Deny");
            return RiskAction.Challenge;
        }

        var rules = new RiskRules(
            Action(options.NewDevice, nameof(options.NewDevice)),
            Action(options.NewLocation, nameof(options.NewLocation)),
            Action(options.ImpossibleTravel, nameof(options.ImpossibleTravel)),
            Action(options.SuspiciousIp, nameof(options.SuspiciousIp)),
            Action(options.AfterPasswordChange, nameof(options.AfterPasswordChange)));
        if (rules.Enabled == RiskTriggers.None)
        {
            errors.Add($"{where}:Risk", "every trigger is Off, so this policy would never challenge; use the Optional level if that is meant");
        }

        return rules;
    }

    public static RoutePolicy? Lookup(CompiledPolicies policies, string? name, string where, ICollection<ConfigError> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(where, "a policy name is required");
            return null;
        }

        if (policies.TryGetValue(name, out var policy))
        {
            return policy;
        }

        if (policies.Rejected.Contains(name))
        {
            return null;
        }

        errors.Add(where, $"unknown policy '{name}' (defined: {string.Join(", ", policies.Keys.Order(StringComparer.OrdinalIgnoreCase))})");
        return null;
    }
}
