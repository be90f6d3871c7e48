using MfaGateway.Decisions;
using MfaGateway.Identity;
using static MfaGateway.Tests.Decisions.DecisionCase;

namespace MfaGateway.Tests.Decisions;

/// <summary>
/// The access decision as a table, in the manner of Authelia's authorizer tests: policy level x
/// presented session x enrolment x risk x remembered device x request purpose -> decision. The
/// expected column is what the gateway did before the decision was one function (and what the
/// end-to-end tests pin); no host, no store.
/// </summary>
public sealed class AccessDeciderTests
{
    private const string NewDevice = "We don't recognise this device.";
    private const string PasswordChanged = "Your password was changed recently.";

    [Theory]
    // Bypass: nothing is checked on the proxied path; a login under it still records who signed in.
    [InlineData(Level.Bypass, Session.None, Enrolment.None, RiskCheck.None, Device.None, Purpose.Get, "Forward(Unchecked)")]
    [InlineData(Level.Bypass, Session.MfaFresh, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Post, "Forward(Unchecked)")]
    [InlineData(Level.Bypass, Session.None, Enrolment.Totp, RiskCheck.None, Device.Valid, Purpose.Login, "Issue(WithoutMfa)")]
    // Deny outranks everything.
    [InlineData(Level.Deny, Session.MfaFresh, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Deny(Policy)")]
    [InlineData(Level.Deny, Session.None, Enrolment.None, RiskCheck.None, Device.None, Purpose.Post, "Deny(Policy)")]
    // Disabled: identified users pass and are never challenged, whatever they have.
    [InlineData(Level.Disabled, Session.None, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Issue(WithoutMfa)")]
    [InlineData(Level.Disabled, Session.WithoutMfa, Enrolment.None, RiskCheck.None, Device.None, Purpose.Post, "Forward(PresentedSession)")]
    [InlineData(Level.Disabled, Session.None, Enrolment.MfaRequired, RiskCheck.None, Device.None, Purpose.Login, "Issue(WithoutMfa)")]
    [InlineData(Level.Disabled, Session.RevokedDevice, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Forward(PresentedSession)")]
    // Optional: the enrolled (and those an administrator requires MFA of) are challenged; others pass.
    [InlineData(Level.Optional, Session.None, Enrolment.None, RiskCheck.None, Device.None, Purpose.Get, "Issue(WithoutMfa)")]
    [InlineData(Level.Optional, Session.None, Enrolment.None, RiskCheck.None, Device.None, Purpose.Login, "Issue(WithoutMfa)")]
    [InlineData(Level.Optional, Session.None, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Challenge(SignIn)")]
    [InlineData(Level.Optional, Session.None, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Post, "Challenge(StepUp)")]
    [InlineData(Level.Optional, Session.None, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Login, "Challenge(SignIn)")]
    [InlineData(Level.Optional, Session.None, Enrolment.MfaRequired, RiskCheck.None, Device.None, Purpose.Get, "Enrol(SignIn)")]
    [InlineData(Level.Optional, Session.None, Enrolment.MfaRequired, RiskCheck.None, Device.Valid, Purpose.Get, "Enrol(SignIn)")]
    [InlineData(Level.Optional, Session.None, Enrolment.Totp, RiskCheck.None, Device.Valid, Purpose.Get, "Issue(TrustedDevice)")]
    [InlineData(Level.Optional, Session.WithoutMfa, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Forward(PresentedSession)")]
    [InlineData(Level.Optional, Session.MfaFresh, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Forward(PresentedSession)")]
    [InlineData(Level.Optional, Session.MfaStale, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Post, "Forward(PresentedSession)")]
    [InlineData(Level.Optional, Session.RiskCleared, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Challenge(StepUp)")]
    [InlineData(Level.Optional, Session.RiskCleared, Enrolment.None, RiskCheck.None, Device.None, Purpose.Get, "Forward(PresentedSession)")]
    [InlineData(Level.Optional, Session.RevokedDevice, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Challenge(StepUp)")]
    [InlineData(Level.Optional, Session.FromDevice, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Forward(PresentedSession)")]
    // Required: everyone passes MFA, enrolling first; a grace session and a remembered device stand in.
    [InlineData(Level.Required, Session.None, Enrolment.None, RiskCheck.None, Device.None, Purpose.Get, "Enrol(SignIn)")]
    [InlineData(Level.Required, Session.None, Enrolment.None, RiskCheck.None, Device.Valid, Purpose.Get, "Enrol(SignIn)")]
    [InlineData(Level.Required, Session.None, Enrolment.MfaRequired, RiskCheck.None, Device.None, Purpose.Post, "Enrol(StepUp)")]
    [InlineData(Level.Required, Session.None, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Challenge(SignIn)")]
    [InlineData(Level.Required, Session.None, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Post, "Challenge(StepUp)")]
    [InlineData(Level.Required, Session.None, Enrolment.Totp, RiskCheck.None, Device.Valid, Purpose.Get, "Issue(TrustedDevice)")]
    [InlineData(Level.Required, Session.None, Enrolment.Totp, RiskCheck.None, Device.Valid, Purpose.Post, "Issue(TrustedDevice)")]
    [InlineData(Level.Required, Session.WithoutMfa, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Challenge(StepUp)")]
    [InlineData(Level.Required, Session.WithoutMfa, Enrolment.Totp, RiskCheck.None, Device.Valid, Purpose.Get, "Challenge(StepUp)")]
    [InlineData(Level.Required, Session.WithoutMfa, Enrolment.None, RiskCheck.None, Device.None, Purpose.Get, "Enrol(StepUp)")]
    [InlineData(Level.Required, Session.MfaFresh, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Forward(PresentedSession)")]
    [InlineData(Level.Required, Session.MfaStale, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Post, "Forward(PresentedSession)")]
    [InlineData(Level.Required, Session.Grace, Enrolment.None, RiskCheck.None, Device.None, Purpose.Get, "Forward(PresentedSession)")]
    [InlineData(Level.Required, Session.Grace, Enrolment.None, RiskCheck.None, Device.None, Purpose.Post, "Forward(PresentedSession)")]
    [InlineData(Level.Required, Session.RiskCleared, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Challenge(StepUp)")]
    [InlineData(Level.Required, Session.RevokedDevice, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Challenge(StepUp)")]
    [InlineData(Level.Required, Session.FromDevice, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Post, "Forward(PresentedSession)")]
    [InlineData(Level.Required, Session.None, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Login, "Challenge(SignIn)")]
    [InlineData(Level.Required, Session.None, Enrolment.None, RiskCheck.None, Device.None, Purpose.Login, "Enrol(SignIn)")]
    [InlineData(Level.Required, Session.None, Enrolment.MfaRequired, RiskCheck.None, Device.None, Purpose.Login, "Enrol(SignIn)")]
    [InlineData(Level.Required, Session.None, Enrolment.Totp, RiskCheck.None, Device.Valid, Purpose.Login, "Issue(TrustedDevice)")]
    // Step-up (Required with a 5-minute MaxAge): only a fresh MFA counts, and a device trusted a day ago is not one.
    [InlineData(Level.StepUp, Session.MfaFresh, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Post, "Forward(PresentedSession)")]
    [InlineData(Level.StepUp, Session.MfaFresh, Enrolment.None, RiskCheck.None, Device.None, Purpose.Get, "Forward(PresentedSession)")]
    [InlineData(Level.StepUp, Session.MfaStale, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Post, "Challenge(StepUp)")]
    [InlineData(Level.StepUp, Session.MfaStale, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Get, "Challenge(StepUp)")]
    [InlineData(Level.StepUp, Session.None, Enrolment.Totp, RiskCheck.None, Device.Valid, Purpose.Get, "Challenge(SignIn)")]
    [InlineData(Level.StepUp, Session.FromDevice, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Post, "Challenge(StepUp)")]
    [InlineData(Level.StepUp, Session.Grace, Enrolment.None, RiskCheck.None, Device.None, Purpose.Post, "Enrol(StepUp)")]
    [InlineData(Level.StepUp, Session.None, Enrolment.Totp, RiskCheck.None, Device.None, Purpose.Login, "Challenge(SignIn)")]
    // RiskBased: enrolled users are challenged only when a trigger fires; a trigger may deny; quiet checks clear.
    [InlineData(Level.RiskBased, Session.None, Enrolment.Totp, RiskCheck.Quiet, Device.None, Purpose.Get, "Issue(RiskCleared)")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.Totp, RiskCheck.Quiet, Device.Valid, Purpose.Get, "Issue(RiskCleared)")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.Totp, RiskCheck.Fired, Device.None, Purpose.Get, "Challenge(SignIn: " + NewDevice + ")")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.Totp, RiskCheck.Fired, Device.Valid, Purpose.Get, "Challenge(SignIn: " + NewDevice + ")")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.Totp, RiskCheck.Fired, Device.None, Purpose.Post, "Challenge(StepUp: " + NewDevice + ")")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.Totp, RiskCheck.Deny, Device.Valid, Purpose.Get, "Deny(Risk)")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.None, RiskCheck.Quiet, Device.None, Purpose.Get, "Enrol(SignIn)")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.MfaRequired, RiskCheck.Fired, Device.Valid, Purpose.Get, "Enrol(SignIn)")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.Totp, RiskCheck.Quiet, Device.None, Purpose.Login, "Issue(RiskCleared)")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.Totp, RiskCheck.Fired, Device.None, Purpose.Login, "Challenge(SignIn: " + NewDevice + ")")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.Totp, RiskCheck.Deny, Device.None, Purpose.Login, "Deny(Risk)")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.None, RiskCheck.Fired, Device.None, Purpose.Login, "Enrol(SignIn)")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.Totp, RiskCheck.None, Device.Valid, Purpose.Login, "Enrol(SignIn)")] // the last factor went between the lookups
    [InlineData(Level.RiskBased, Session.RiskCleared, Enrolment.Totp, RiskCheck.Fired, Device.None, Purpose.Get, "Forward(PresentedSession)")]
    [InlineData(Level.RiskBased, Session.MfaFresh, Enrolment.Totp, RiskCheck.Fired, Device.None, Purpose.Post, "Forward(PresentedSession)")]
    [InlineData(Level.RiskBased, Session.MfaStale, Enrolment.Totp, RiskCheck.Fired, Device.None, Purpose.Get, "Forward(PresentedSession)")]
    [InlineData(Level.RiskBased, Session.WithoutMfa, Enrolment.Totp, RiskCheck.Quiet, Device.None, Purpose.Post, "Issue(RiskCleared)")]
    [InlineData(Level.RiskBased, Session.WithoutMfa, Enrolment.Totp, RiskCheck.Fired, Device.Valid, Purpose.Post, "Challenge(StepUp: " + NewDevice + ")")]
    [InlineData(Level.RiskBased, Session.RevokedDevice, Enrolment.Totp, RiskCheck.Quiet, Device.None, Purpose.Get, "Issue(RiskCleared)")]
    [InlineData(Level.RiskBased, Session.RevokedDevice, Enrolment.Totp, RiskCheck.Fired, Device.Valid, Purpose.Get, "Challenge(StepUp: " + NewDevice + ")")]
    [InlineData(Level.RiskBased, Session.FromDevice, Enrolment.Totp, RiskCheck.Fired, Device.None, Purpose.Get, "Forward(PresentedSession)")]
    [InlineData(Level.RiskBased, Session.Grace, Enrolment.None, RiskCheck.Quiet, Device.None, Purpose.Get, "Enrol(StepUp)")]
    public void Decides(Level level, Session session, Enrolment enrolment, RiskCheck risk, Device device, Purpose purpose, string expected)
    {
        var result = DecisionCase.Run(level, session, enrolment, risk, device, purpose);

        Assert.Equal(expected, Describe(result.Decision));
    }

    /// <summary>The hot path: a live session that satisfies the policy is decided from the session alone.</summary>
    [Theory]
    [InlineData(Level.Required, Session.MfaFresh, "Identity")]
    [InlineData(Level.StepUp, Session.MfaFresh, "Identity")]
    [InlineData(Level.Required, Session.Grace, "Identity")]
    [InlineData(Level.Required, Session.FromDevice, "Identity")]
    [InlineData(Level.Optional, Session.WithoutMfa, "Identity")]
    [InlineData(Level.Disabled, Session.WithoutMfa, "Identity")]
    [InlineData(Level.RiskBased, Session.RiskCleared, "Identity, PasswordChange")]
    [InlineData(Level.RiskBased, Session.MfaFresh, "Identity, PasswordChange")]
    [InlineData(Level.Bypass, Session.MfaFresh, "")]
    public void A_live_sufficient_session_costs_no_lookup(Level level, Session session, string asked)
    {
        var result = DecisionCase.Run(level, session, Enrolment.Totp, RiskCheck.Fired, Device.Valid, Purpose.Post);

        Assert.StartsWith("Forward", Describe(result.Decision), StringComparison.Ordinal);
        Assert.Equal(asked, string.Join(", ", result.Asked));
    }

    /// <summary>Each input is asked for only where it can change the answer.</summary>
    [Theory]
    [InlineData(Level.Required, Session.None, Enrolment.Totp, RiskCheck.Fired, Device.None, "Identity, User, TrustedDevice")]
    [InlineData(Level.Required, Session.None, Enrolment.None, RiskCheck.Fired, Device.Valid, "Identity, User")]
    [InlineData(Level.StepUp, Session.MfaStale, Enrolment.Totp, RiskCheck.Fired, Device.Valid, "Identity, User")]
    [InlineData(Level.Optional, Session.None, Enrolment.None, RiskCheck.Fired, Device.Valid, "Identity, User")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.Totp, RiskCheck.Quiet, Device.Valid, "Identity, User, Risk")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.Totp, RiskCheck.Fired, Device.Valid, "Identity, User, Risk")]
    [InlineData(Level.RiskBased, Session.None, Enrolment.None, RiskCheck.Fired, Device.Valid, "Identity, User")]
    public void Asks_only_for_what_the_case_needs(Level level, Session session, Enrolment enrolment, RiskCheck risk, Device device, string asked)
    {
        var result = DecisionCase.Run(level, session, enrolment, risk, device, Purpose.Get);

        Assert.Equal(asked, string.Join(", ", result.Asked));
    }

    [Theory]
    [InlineData(Level.Required, "Forward(Anonymous)")]
    [InlineData(Level.RiskBased, "Forward(Anonymous)")]
    [InlineData(Level.Bypass, "Forward(Unchecked)")]
    public void An_anonymous_request_goes_to_the_app_as_anonymous(Level level, string expected) =>
        Assert.Equal(expected, Describe(AccessDecider.Decide(Request(level, Purpose.Get) with { Identification = Identification.Anonymous })));

    [Fact]
    public void An_invalid_token_is_rejected_with_its_reason()
    {
        var decision = AccessDecider.Decide(Request(Level.Required, Purpose.Get) with { Identification = Identification.Rejected("the token has expired") });

        Assert.Equal(new AccessDecision.RejectToken("the token has expired"), decision);
    }

    [Fact]
    public void An_app_session_the_gateway_never_saw_signs_in_again() =>
        Assert.Same(AccessDecision.SignInAgain.UnknownAppSession, AccessDecider.Decide(Request(Level.Optional, Purpose.Get) with { Identification = Identification.UnknownAppSession }));

    [Fact]
    public void A_repeated_app_session_cookie_signs_in_again_naming_the_cookie() =>
        Assert.Equal(
            new AccessDecision.SignInAgain(SignInAgainCause.RepeatedCredential, "bank_session"),
            AccessDecider.Decide(Request(Level.Disabled, Purpose.Post) with { Identification = Identification.Repeated("bank_session") }));

    [Theory]
    [InlineData(Level.Required, "Deny(NoIdentitySource)")]
    [InlineData(Level.Disabled, "Deny(NoIdentitySource)")]
    [InlineData(Level.Bypass, "Forward(Unchecked)")]
    [InlineData(Level.Deny, "Deny(Policy)")]
    public void A_route_no_app_covers_is_refused_unless_nothing_is_checked(Level level, string expected) =>
        Assert.Equal(expected, Describe(AccessDecider.Decide(Request(level, Purpose.Get) with { App = null })));

    [Fact]
    public void A_password_change_after_the_mfa_ends_what_the_session_proves_under_risk()
    {
        var result = DecisionCase.Run(Level.RiskBased, Session.MfaFresh, Enrolment.Totp, RiskCheck.PasswordChanged, Device.Valid, Purpose.Get, passwordChangedAgo: TimeSpan.FromSeconds(10));

        Assert.Equal("Challenge(StepUp: " + PasswordChanged + ")", Describe(result.Decision));
    }

    [Fact]
    public void A_password_change_before_the_mfa_does_not()
    {
        var result = DecisionCase.Run(Level.RiskBased, Session.MfaFresh, Enrolment.Totp, RiskCheck.PasswordChanged, Device.Valid, Purpose.Get, passwordChangedAgo: TimeSpan.FromMinutes(30));

        Assert.Equal("Forward(PresentedSession)", Describe(result.Decision));
    }

    [Fact]
    public void A_password_change_outside_risk_policies_is_not_asked_about()
    {
        var result = DecisionCase.Run(Level.Required, Session.MfaFresh, Enrolment.Totp, RiskCheck.PasswordChanged, Device.Valid, Purpose.Get, passwordChangedAgo: TimeSpan.FromSeconds(10));

        Assert.Equal("Forward(PresentedSession)", Describe(result.Decision));
        Assert.DoesNotContain(AccessFact.PasswordChange, result.Asked);
    }

    [Fact]
    public void A_quiet_check_adds_its_triggers_to_the_session_it_extends()
    {
        var result = DecisionCase.Run(Level.RiskBased, Session.WithoutMfa, Enrolment.Totp, RiskCheck.Quiet, Device.None, Purpose.Post);

        var issue = Assert.IsType<AccessDecision.ForwardAndIssueSession>(result.Decision);
        Assert.Equal(result.Presented!.Id, issue.Session.Id); // the same session, so a sign-out still ends it
        Assert.Equal(Now, issue.Session.RiskClearedAt);
        Assert.Equal(RiskRulesUnderTest.Enabled, issue.Session.RiskCleared);
    }

    [Fact]
    public void A_remembered_device_opens_a_session_that_names_it_and_its_mfa()
    {
        var result = DecisionCase.Run(Level.Required, Session.None, Enrolment.Totp, RiskCheck.None, Device.Valid, Purpose.Get);

        var issue = Assert.IsType<AccessDecision.ForwardAndIssueSession>(result.Decision);
        Assert.Equal(DeviceId, issue.Session.DeviceId);
        Assert.Equal(Now - DeviceTrustedAgo, issue.Session.MfaAt);
        Assert.Equal(["totp"], issue.Session.Factors);
        Assert.Equal(Binding, issue.Session.Binding);
        Assert.Equal(Now + Lifetime, issue.Session.ExpiresAt);
    }

    private static string Describe(AccessDecision decision) => decision switch
    {
        AccessDecision.Forward forward => $"Forward({forward.As})",
        AccessDecision.ForwardAndIssueSession issue => $"Issue({issue.Grant})",
        AccessDecision.Challenge { Reasons.Count: 0 } challenge => $"Challenge({challenge.Purpose})",
        AccessDecision.Challenge challenge => $"Challenge({challenge.Purpose}: {string.Join(" ", challenge.Reasons)})",
        AccessDecision.Enrol enrol => $"Enrol({enrol.Purpose})",
        AccessDecision.Deny deny => $"Deny({deny.Reason})",
        AccessDecision.SignInAgain again => $"SignInAgain({again.Cause})",
        AccessDecision.RejectToken => "RejectToken",
        AccessDecision.NeedFact need => $"NeedFact({need.Fact})",
        _ => decision.ToString(),
    };
}
