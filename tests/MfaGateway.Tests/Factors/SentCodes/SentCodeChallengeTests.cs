using MfaGateway.Challenges;
using MfaGateway.Delivery;
using MfaGateway.Factors;
using MfaGateway.Factors.SentCodes;
using MfaGateway.Networking;
using MfaGateway.Storage;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Factors.SentCodes;

/// <summary>The e-mail factor through the challenge flow: the real vault and sealing, a recording channel in place of SMTP.</summary>
public sealed class SentCodeChallengeTests : IAsyncLifetime
{
    private const string Address = "alice@example.com";
    private static readonly RequestOrigin Origin = new(System.Net.IPAddress.Loopback, "tests");
    private readonly RecordingCodeChannel _channel = new();
    private GatewayTestHost _host = null!;

    private ChallengeService Challenges => _host.Services.GetRequiredService<ChallengeService>();

    public async Task InitializeAsync() => _host = await GatewayTestHost.StartAsync((config, _) =>
        config["Gateway"]!["SentCodes"] = new System.Text.Json.Nodes.JsonObject { ["Lifetime"] = "2m" }, services =>
    {
        services.AddSingleton<IChallengeFactor>(provider => new SentCodeFactor(
            _channel, provider.GetRequiredService<SentCodeVault>(), provider.GetRequiredService<SendQuota>(), provider.GetRequiredService<DestinationProtector>(),
            provider.GetRequiredService<IFactorStore>(), provider.GetRequiredService<ISentCodeSettingsSource>(), provider.GetRequiredService<SignInLinks>()));
        services.AddSingleton<IFactorEnrolment>(provider => new SentCodeEnrolment(
            _channel, provider.GetRequiredService<SentCodeVault>(), provider.GetRequiredService<SendQuota>(), provider.GetRequiredService<DestinationProtector>(),
            provider.GetRequiredService<IFactorStore>(), provider.GetRequiredService<ISentCodeSettingsSource>(), provider.GetRequiredService<ContactBook>()));
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_code_goes_to_the_confirmed_address_a_wrong_one_counts_a_resend_waits_and_keeps_the_count_and_the_code_passes_once()
    {
        var user = await EnrolledAsync("alice");
        var challenge = await NewChallengeAsync("alice", enrolling: false);

        var first = Assert.IsType<SentCodePrompt>(await Challenges.BeginAsync(challenge, FactorTypes.Email, default));
        var shownAgain = Assert.IsType<SentCodePrompt>(await Challenges.BeginAsync(challenge, FactorTypes.Email, default));
        var tooSoon = Assert.IsType<SentCodePrompt>(await Challenges.BeginAsync(challenge, FactorTypes.Email, default, resend: true));

        Assert.True(first.Delivery.Sent);
        Assert.Equal("a•••@example.com", first.Delivery.MaskedDestination);
        Assert.False(shownAgain.Delivery.Sent);
        Assert.Equal(CodeDeliveryProblem.TooSoon, tooSoon.Delivery.Problem);
        Assert.Single(_channel.Sent);
        var sent = _channel.Sent.Single();
        Assert.Equal((Address, CodePurpose.SignIn), (sent.Destination, sent.Purpose));

        var wrong = await Challenges.VerifyAsync(Origin, challenge.Id, FactorTypes.Email, new FactorResponse("000000" == sent.Code ? "111111" : "000000"), default);
        Assert.Equal(ChallengeStatus.WrongCode, wrong.Status);
        var leftAfterWrong = wrong.AttemptsLeft;

        _host.Time.Advance(TimeSpan.FromSeconds(31));
        var resent = Assert.IsType<SentCodePrompt>(await Challenges.BeginAsync(challenge, FactorTypes.Email, default, resend: true));
        Assert.True(resent.Delivery.Sent);
        var newCode = _channel.LastCodeTo(Address)!;

        // The old code died with the resend, and the wrong answer before it still counts.
        var old = await Challenges.VerifyAsync(Origin, challenge.Id, FactorTypes.Email, new FactorResponse(sent.Code), default);
        Assert.Equal(ChallengeStatus.WrongCode, old.Status);
        Assert.Equal(leftAfterWrong - 1, old.AttemptsLeft);

        var passed = await Challenges.VerifyAsync(Origin, challenge.Id, FactorTypes.Email, new FactorResponse(newCode), default);
        Assert.Equal((ChallengeStatus.Passed, FactorTypes.Email), (passed.Status, passed.FactorType));
        Assert.Equal(ChallengeStatus.Expired, (await Challenges.VerifyAsync(Origin, challenge.Id, FactorTypes.Email, new FactorResponse(newCode), default)).Status);
        Assert.NotNull((await _host.Services.GetRequiredService<IFactorStore>().ListAsync(user.Id, default)).Single().LastUsedAt);
    }

    [Fact]
    public async Task An_expired_code_is_refused_as_expired()
    {
        await EnrolledAsync("bob");
        var challenge = await NewChallengeAsync("bob", enrolling: false);
        await Challenges.BeginAsync(challenge, FactorTypes.Email, default);
        _host.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        var late = await Challenges.VerifyAsync(Origin, challenge.Id, FactorTypes.Email, new FactorResponse(_channel.LastCodeTo("bob@example.com")), default);

        Assert.Equal(ChallengeStatus.WrongCode, late.Status);
        Assert.Equal(FactorRejection.CodeExpired, late.Rejection);
    }

    [Fact]
    public async Task When_sending_fails_no_code_waits_and_a_retry_sends_at_once()
    {
        await EnrolledAsync("carol");
        var challenge = await NewChallengeAsync("carol", enrolling: false);
        _channel.Down = true;

        var failed = Assert.IsType<SentCodePrompt>(await Challenges.BeginAsync(challenge, FactorTypes.Email, default));
        _channel.Down = false;
        var retried = Assert.IsType<SentCodePrompt>(await Challenges.BeginAsync(challenge, FactorTypes.Email, default, resend: true));

        Assert.Equal(CodeDeliveryProblem.NotDelivered, failed.Delivery.Problem);
        Assert.False(failed.Delivery.CodeWaiting);
        Assert.True(retried.Delivery.Sent);
    }

    [Fact]
    public async Task Enrolment_confirms_the_typed_address_with_a_code_before_it_becomes_a_factor()
    {
        var challenge = await NewChallengeAsync("dave", enrolling: true);

        var invalid = await Challenges.SendEnrolmentCodeAsync(challenge, FactorTypes.Email, "Dave <dave@example.com>", null, default);
        Assert.NotNull(invalid!.Problem);
        Assert.Empty(_channel.Sent);

        _channel.Down = true;
        var down = await Challenges.SendEnrolmentCodeAsync(challenge, FactorTypes.Email, "Dave@Example.COM", null, default);
        _channel.Down = false;
        Assert.Equal(CodeDeliveryProblem.NotDelivered, down!.Delivery!.Problem);
        Assert.Empty(await FactorsOfAsync("dave"));

        var sent = await Challenges.SendEnrolmentCodeAsync(challenge, FactorTypes.Email, "Dave@Example.COM", null, default);
        Assert.True(sent!.Delivery!.Sent);
        var code = _channel.LastCodeTo("Dave@example.com")!;
        Assert.Equal(CodePurpose.ConfirmDestination, _channel.Sent.Last().Purpose);

        var wrong = await Challenges.VerifyAsync(Origin, challenge.Id, FactorTypes.Email, new FactorResponse(code == "000000" ? "111111" : "000000"), default);
        Assert.Equal(ChallengeStatus.WrongCode, wrong.Status);
        Assert.Empty(await FactorsOfAsync("dave"));

        var passed = await Challenges.VerifyAsync(Origin, challenge.Id, FactorTypes.Email, new FactorResponse(code), default);
        Assert.Equal(ChallengeStatus.Passed, passed.Status);
        var factor = Assert.Single(await FactorsOfAsync("dave"));
        Assert.Equal((FactorTypes.Email, "D•••@example.com"), (factor.Type, factor.Name));
        var user = (await _host.Services.GetRequiredService<IUserStore>().FindAsync(App.Realm, "dave", default))!;
        Assert.Equal("Dave@example.com", (await _host.Services.GetRequiredService<IUserContacts>().FindAsync(user, default)).Email);
        Assert.DoesNotContain("example.com", System.Text.Encoding.UTF8.GetString(factor.ProtectedSecret), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Across_challenges_an_hourly_limit_per_user_refuses_more_codes_and_is_audited()
    {
        await EnrolledAsync("erin");
        var refused = (CodeDelivery?)null;
        var sends = 0;
        for (var attempt = 0; attempt < 12 && refused is null; attempt++)
        {
            // Each sign-in is a new challenge, which the resend cooldown alone would not stop.
            var challenge = await NewChallengeAsync("erin", enrolling: false);
            var delivery = Assert.IsType<SentCodePrompt>(await Challenges.BeginAsync(challenge, FactorTypes.Email, default)).Delivery;
            if (delivery.Problem == CodeDeliveryProblem.Limited)
            {
                refused = delivery;
            }
            else
            {
                sends++;
            }
        }

        Assert.Equal(10, sends);
        Assert.NotNull(refused!.RetryAfter);
        Assert.Equal(10, _channel.Sent.Count(s => s.Destination == "erin@example.com"));
        var audited = await _host.Services.GetRequiredService<MfaGateway.Audit.FlushingAuditStore>().QueryAsync(new MfaGateway.Audit.AuditQuery(User: "erin", Types: [MfaGateway.Audit.AuditEventTypes.CodeLimited]), default);
        Assert.Equal("user", Assert.Single(audited.Events).Detail["limit"]);

        // The next hour, codes go out again.
        _host.Time.Advance(TimeSpan.FromHours(1));
        var later = await NewChallengeAsync("erin", enrolling: false);
        Assert.True(Assert.IsType<SentCodePrompt>(await Challenges.BeginAsync(later, FactorTypes.Email, default)).Delivery.Sent);
    }

    [Fact]
    public async Task Enrolment_cannot_be_used_to_mail_one_address_over_and_over()
    {
        var refused = false;
        for (var user = 0; user < 12 && !refused; user++)
        {
            var challenge = await NewChallengeAsync($"spammer{user}", enrolling: true);
            var sent = await Challenges.SendEnrolmentCodeAsync(challenge, FactorTypes.Email, "victim@example.com", null, default);
            refused = sent!.Delivery!.Problem == CodeDeliveryProblem.Limited;
        }

        Assert.True(refused);
        Assert.Equal(10, _channel.Sent.Count(s => s.Destination == "victim@example.com"));
    }

    private Apps.ProtectedApp App => _host.Monitor.Current.Apps.Values.First();

    private async Task<UserRecord> EnrolledAsync(string name)
    {
        var now = _host.Time.GetUtcNow();
        var user = await _host.Services.GetRequiredService<IUserStore>().GetOrCreateAsync(App.Realm, name, now, default);
        var sealedAddress = _host.Services.GetRequiredService<DestinationProtector>().Protect(user.Id, FactorTypes.Email, $"{name}@example.com");
        await _host.Services.GetRequiredService<IFactorStore>().AddFirstAsync(
            new FactorRecord($"f-{name}", user.Id, FactorTypes.Email, "a•••@example.com", sealedAddress, "{}", null, now, null), default);
        return user;
    }

    private async Task<IReadOnlyList<FactorRecord>> FactorsOfAsync(string name) =>
        await _host.Services.GetRequiredService<IUserStore>().FindAsync(App.Realm, name, default) is { } user
            ? await _host.Services.GetRequiredService<IFactorStore>().ListAsync(user.Id, default)
            : [];

    private async Task<PendingChallenge> NewChallengeAsync(string user, bool enrolling)
    {
        var now = _host.Time.GetUtcNow();
        await _host.Services.GetRequiredService<IUserStore>().GetOrCreateAsync(App.Realm, user, now, default);
        var policy = _host.Monitor.Current.DefaultPolicy with { AllowedFactors = new HashSet<string> { FactorTypes.Email } };
        var request = new ChallengeRequest(App, user, policy, ChallengePurpose.SignIn, "/", SessionBinding: "test-binding");
        return await Challenges.CreateAsync(Origin, request, default);
    }
}
