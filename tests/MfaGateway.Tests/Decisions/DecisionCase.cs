using MfaGateway.Decisions;
using MfaGateway.Identity;
using MfaGateway.Policies;
using MfaGateway.Risk;
using MfaGateway.Sessions;

namespace MfaGateway.Tests.Decisions;

/// <summary>
/// Builds one row of the decision table: a policy per level, a presented session per state, and the
/// answers the executor would gather (user facts, risk, device, password change) when the decider asks.
/// </summary>
public static class DecisionCase
{
    public enum Level { Bypass, Deny, Disabled, Optional, Required, StepUp, RiskBased }

    public enum Session { None, WithoutMfa, MfaFresh, MfaStale, Grace, RiskCleared, FromDevice, RevokedDevice }

    public enum Enrolment { None, Totp, MfaRequired }

    /// <summary>What the risk gate answers if asked; None is "the user has no factor" (the gate's null).</summary>
    public enum RiskCheck { None, Quiet, Fired, Deny, PasswordChanged }

    public enum Device { None, Valid }

    public enum Purpose { Get, Post, Login }

    public const string App = "bank";
    public const string User = "alice";
    public const string Binding = "binding-of-alice";
    public const string DeviceId = "device-1";

    public static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
    public static readonly TimeSpan DeviceTrustedAgo = TimeSpan.FromDays(1);

    /// <summary>New device and new location challenge, travel and a suspicious address deny, a password change challenges.</summary>
    public static readonly RiskRules RiskRulesUnderTest = new(RiskAction.Challenge, RiskAction.Challenge, RiskAction.Deny, RiskAction.Deny, RiskAction.Challenge);

    private static readonly HashSet<string> Totp = ["totp"];
    private static readonly TimeSpan DeviceLifetime = TimeSpan.FromDays(30);

    public sealed record Result(AccessDecision Decision, IReadOnlyList<AccessFact> Asked, GatewaySession? Presented);

    public static RoutePolicy PolicyFor(Level level) => level switch
    {
        Level.Bypass => new RoutePolicy("open", PolicyLevel.Bypass, Totp, null),
        Level.Deny => new RoutePolicy("closed", PolicyLevel.Deny, Totp, null),
        Level.Disabled => new RoutePolicy("no-mfa", PolicyLevel.Disabled, Totp, null),
        Level.Optional => new RoutePolicy("optional", PolicyLevel.Optional, Totp, null) { TrustedDeviceLifetime = DeviceLifetime },
        Level.Required => new RoutePolicy("required", PolicyLevel.Required, Totp, null) { GracePeriod = TimeSpan.FromDays(7), TrustedDeviceLifetime = DeviceLifetime },
        Level.StepUp => new RoutePolicy("transfer", PolicyLevel.Required, Totp, TimeSpan.FromMinutes(5)) { TrustedDeviceLifetime = DeviceLifetime },
        _ => new RoutePolicy("sign-in", PolicyLevel.RiskBased, Totp, null) { TrustedDeviceLifetime = DeviceLifetime, Risk = RiskRulesUnderTest },
    };

    public static AccessRequest Request(Level level, Purpose purpose) => new()
    {
        Policy = PolicyFor(level),
        Purpose = purpose switch
        {
            Purpose.Get => RequestPurpose.Read,
            Purpose.Post => RequestPurpose.Act,
            _ => RequestPurpose.LoginResponse,
        },
        Now = Now,
        App = App,
        SessionLifetime = Lifetime,
    };

    public static GatewaySession? Presented(Session session)
    {
        var issued = Now - TimeSpan.FromMinutes(10);
        return session switch
        {
            Session.WithoutMfa => GatewaySession.IdentifiedWithoutMfa(App, User, Binding, issued, Lifetime),
            Session.MfaFresh => GatewaySession.AfterMfa(App, User, "totp", Binding, Now - TimeSpan.FromMinutes(1), Lifetime),
            Session.MfaStale => GatewaySession.AfterMfa(App, User, "totp", Binding, Now - TimeSpan.FromHours(1), Lifetime),
            Session.Grace => GatewaySession.InGracePeriod(App, User, Binding, Now + TimeSpan.FromDays(2), issued, Lifetime),
            Session.RiskCleared => GatewaySession.IdentifiedWithoutMfa(App, User, Binding, issued, Lifetime).ClearedByRisk(RiskRulesUnderTest.Enabled, issued),
            Session.FromDevice or Session.RevokedDevice => GatewaySession.FromTrustedDevice(App, User, Binding, DeviceId, "totp", Now - DeviceTrustedAgo, issued, Lifetime),
            _ => null,
        };
    }

    /// <summary>Asks the decider as an executor would, answering each question from the row, until it decides.</summary>
    public static Result Run(Level level, Session session, Enrolment enrolment, RiskCheck risk, Device device, Purpose purpose, TimeSpan? passwordChangedAgo = null)
    {
        var presented = Presented(session);
        var request = Request(level, purpose);
        var asked = new List<AccessFact>();
        for (var round = 0; round < 10; round++)
        {
            var decision = AccessDecider.Decide(request);
            if (decision is not AccessDecision.NeedFact need)
            {
                return new Result(decision, asked, presented);
            }

            Assert.DoesNotContain(need.Fact, asked); // each input is asked for once
            asked.Add(need.Fact);
            request = need.Fact switch
            {
                AccessFact.Identity => request with
                {
                    Identification = new Identification(
                        IdentificationKind.Identified, User, Binding, presented is null ? null : new VouchedSession(presented)),
                    SessionDeviceRevoked = session == Session.RevokedDevice,
                },
                AccessFact.PasswordChange => request with { PasswordChange = new PasswordChangeFinding(Now - passwordChangedAgo) },
                AccessFact.User => request with
                {
                    User = enrolment switch
                    {
                        Enrolment.Totp => new UserFacts(Enrolled: true, MfaRequired: false),
                        Enrolment.MfaRequired => new UserFacts(Enrolled: false, MfaRequired: true),
                        _ => UserFacts.Unknown,
                    },
                },
                AccessFact.Risk => request with { Risk = Assessment(risk) },
                _ => request with
                {
                    Device = device == Device.Valid ? new DeviceFinding(new RememberedDevice(DeviceId, "totp", Now - DeviceTrustedAgo)) : DeviceFinding.None,
                },
            };
        }

        throw new InvalidOperationException("the decider kept asking");
    }

    private static RiskFinding Assessment(RiskCheck risk)
    {
        var enabled = RiskRulesUnderTest.Enabled;
        return risk switch
        {
            RiskCheck.Quiet => new RiskFinding(new RiskAssessment(enabled, [], RiskAction.Off, null, null, null)),
            RiskCheck.Fired => new RiskFinding(new RiskAssessment(
                enabled, [new RiskSignal(RiskTriggers.NewDevice, "We don't recognise this device.", "new device")], RiskAction.Challenge, null, null, null)),
            RiskCheck.PasswordChanged => new RiskFinding(new RiskAssessment(
                enabled, [new RiskSignal(RiskTriggers.AfterPasswordChange, "Your password was changed recently.", "password changed")], RiskAction.Challenge, null, null, null)),
            RiskCheck.Deny => new RiskFinding(new RiskAssessment(
                enabled, [new RiskSignal(RiskTriggers.SuspiciousIp, "Your address is on a block list.", "block-listed")], RiskAction.Deny, null, null, null)),
            _ => RiskFinding.NoFactor,
        };
    }
}
