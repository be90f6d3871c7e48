using MfaGateway.Configuration;
using MfaGateway.Risk;
using MfaGateway.Tests.Configuration;

namespace MfaGateway.Tests.Risk;

public sealed class RiskConfigurationTests
{
    private const string SignIn = "\"signin\": { \"Level\": \"Required\", \"Factors\": [ \"totp\" ] }";

    [Fact]
    public void A_risk_based_policy_without_a_risk_section_challenges_on_every_trigger()
    {
        var config = TestConfiguration.Compile(TestConfiguration.Valid.With(SignIn, "\"signin\": { \"Level\": \"RiskBased\" }"));

        Assert.Equal(RiskRules.AllChallenge, config.Policies["signin"].Risk);
        Assert.Equal(
            RiskTriggers.NewDevice | RiskTriggers.NewLocation | RiskTriggers.ImpossibleTravel | RiskTriggers.SuspiciousIp | RiskTriggers.AfterPasswordChange,
            config.Policies["signin"].Risk!.Enabled);
        Assert.Null(config.Policies["sensitive"].Risk);
    }

    [Fact]
    public void Each_trigger_is_off_challenge_or_deny_and_unnamed_ones_challenge()
    {
        var config = TestConfiguration.Compile(TestConfiguration.Valid.With(
            SignIn,
            "\"signin\": { \"Level\": \"RiskBased\", \"Risk\": { \"NewDevice\": \"off\", \"SuspiciousIp\": \"Deny\", \"NewLocation\": \"Challenge\" } }"));

        var rules = config.Policies["signin"].Risk!;
        Assert.Equal(new RiskRules(RiskAction.Off, RiskAction.Challenge, RiskAction.Challenge, RiskAction.Deny, RiskAction.Challenge), rules);
        Assert.False(rules.Enabled.HasFlag(RiskTriggers.NewDevice));
    }

    [Fact]
    public void Risk_mistakes_are_all_reported_at_once()
    {
        var json = TestConfiguration.Valid
            .With(SignIn, "\"signin\": { \"Level\": \"RiskBased\", \"MaxAge\": \"5m\", \"Risk\": { \"NewDevice\": \"Sometimes\", \"ImpossibleTravel\": \"2\" } }, \"all-off\": { \"Level\": \"RiskBased\", \"Risk\": { \"NewDevice\": \"Off\", \"NewLocation\": \"Off\", \"ImpossibleTravel\": \"Off\", \"SuspiciousIp\": \"Off\", \"AfterPasswordChange\": \"Off\" } }")
            .With("\"blocked\": { \"Level\": \"Deny\" }", "\"blocked\": { \"Level\": \"Deny\", \"Risk\": { \"NewDevice\": \"Deny\" } }")
            .With("\"DefaultPolicy\": \"signin\",", "\"DefaultPolicy\": \"signin\", \"Risk\": { \"ImpossibleTravelSpeedKmh\": 5.5, \"NewLocationPrecision\": \"Street\", \"PasswordChangeWindow\": \"soon\", \"DeviceCookieDays\": 500 },")
            .With("\"SessionCookie\": \"BankSession\" }", "\"SessionCookie\": \"BankSession\" } }, \"PasswordChange\": { \"Path\": \"account/password\", \"SuccessStatus\": [ 500 ]");

        var config = GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);

        Assert.Null(config);
        Assert.Equal(
            [
                "Gateway:Risk:ImpossibleTravelSpeedKmh: 'fast' is not a number",
            ],
            Errors(json.With("5.5", "\"fast\"")));
        Assert.Equal(
            [
                "Gateway:Policies:all-off:Risk: every trigger is Off, so this policy would never challenge; use the Optional level if that is meant",
                "Gateway:Policies:blocked:Risk: only a RiskBased policy has risk triggers (this policy is Deny)",
                "Gateway:Policies:signin:MaxAge: a RiskBased policy challenges only when a trigger fires; use a Required policy with MaxAge for step-up routes",
                "Gateway:Policies:signin:Risk:NewDevice: 'Sometimes' is not one of Off, Challenge, Deny",
                "Gateway:Policies:signin:Risk:ImpossibleTravel: '2' is not one of Off, Challenge, Deny",
                "Gateway:Apps:bank:PasswordChange:Path: the path the app's password-change form is posted to is required and must start with '/'",
                "Gateway:Apps:bank:PasswordChange:SuccessStatus: list the 2xx/3xx statuses the app answers a successful change with (e.g. [302])",
                "Gateway:Risk:ImpossibleTravelSpeedKmh: 5.5 is outside 50..100000 (an airliner is ~900 km/h)",
                "Gateway:Risk:NewLocationPrecision: 'Street' is not Country or City",
                "Gateway:Risk:PasswordChangeWindow: 'soon' is not a positive duration (e.g. \"24h\")",
                "Gateway:Risk:DeviceCookieDays: 500 is outside 1..400 (browsers cap cookie lifetimes at 400 days)",
            ],
            errors.Select(e => e.Text));
    }

    private static IReadOnlyList<string> Errors(string json)
    {
        GatewayConfigCompiler.Compile(TestConfiguration.FromJson(json), out var errors);
        return [.. errors.Where(e => e.Key.Contains("Speed", StringComparison.Ordinal)).Select(e => e.Text)];
    }

    [Fact]
    public void Risk_settings_have_the_documented_defaults()
    {
        var risk = TestConfiguration.Compile(TestConfiguration.Valid).Risk;

        Assert.Equal(new RiskSettings(1000, false, false, TimeSpan.FromHours(24), true, TimeSpan.FromDays(400)), risk);
    }
}
