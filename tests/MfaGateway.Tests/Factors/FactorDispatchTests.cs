using System.Text.Json;
using MfaGateway.Challenges;
using MfaGateway.Factors;
using MfaGateway.Storage;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Networking;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Factors;

/// <summary>
/// The challenge flow drives each factor kind through the kind's interface alone: a test-only
/// "send, then verify" and "options, then assertion" factor pass challenges with no change to it.
/// </summary>
public sealed class FactorDispatchTests : IAsyncLifetime
{
    /// <summary>A type a policy may name and a user may have a record of, with no implementation registered.</summary>
    private const string Unimplemented = "smart-card";

    private readonly TestSentCodeFactor _sentCode = new();
    private readonly TestAssertionFactor _assertion = new();
    /// <summary>A client on loopback, as the test host's browsers are.</summary>
    private static readonly RequestOrigin Origin = new(System.Net.IPAddress.Loopback, "tests");

    private GatewayTestHost _host = null!;

    private ChallengeService Challenges => _host.Services.GetRequiredService<ChallengeService>();

    public async Task InitializeAsync()
    {
        _host = await GatewayTestHost.StartAsync(services: services =>
        {
            services.AddSingleton<IChallengeFactor>(_sentCode);
            services.AddSingleton<IChallengeFactor>(_assertion);
        });

        var now = _host.Time.GetUtcNow();
        var user = await _host.Services.GetRequiredService<IUserStore>().GetOrCreateAsync(App.Realm, "alice", now, default);
        var factors = _host.Services.GetRequiredService<IFactorStore>();
        await factors.AddFirstAsync(Record("f-sent", user.Id, TestSentCodeFactor.FactorType, now), default);
        await factors.AddAsync(Record("f-assertion", user.Id, TestAssertionFactor.FactorType, now), default);
        await factors.AddAsync(Record("f-unimplemented", user.Id, Unimplemented, now), default);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Implemented_kinds_are_offered_and_a_type_without_an_implementation_is_not()
    {
        var challenge = await NewChallengeAsync();

        var offered = (await Challenges.AvailableFactorsAsync(challenge, default)).Select(f => f.Type);

        Assert.Equal([TestSentCodeFactor.FactorType, TestAssertionFactor.FactorType], offered);
        var outcome = await Challenges.VerifyAsync(Origin, challenge.Id, Unimplemented, new FactorResponse("123456"), default);
        Assert.Equal(ChallengeStatus.FactorNotAvailable, outcome.Status);
    }

    [Fact]
    public async Task A_sent_code_factor_sends_when_begun_and_its_code_passes_the_challenge()
    {
        var challenge = await NewChallengeAsync();

        var prompt = Assert.IsType<SentCodePrompt>(await Challenges.BeginAsync(challenge, _sentCode, default));
        var wrong = await Challenges.VerifyAsync(Origin, challenge.Id, TestSentCodeFactor.FactorType, new FactorResponse("not-it"), default);
        var passed = await Challenges.VerifyAsync(Origin, challenge.Id, TestSentCodeFactor.FactorType, new FactorResponse(_sentCode.SentFor(challenge.Id)), default);

        Assert.Equal(1, _sentCode.Sends);
        Assert.True(prompt.Delivery.Sent);
        Assert.Equal("•••• 12", prompt.Delivery.MaskedDestination);
        Assert.Equal(_sentCode.Instructions, prompt.Instructions);
        Assert.Equal(ChallengeStatus.WrongCode, wrong.Status);
        Assert.Equal(ChallengeStatus.Passed, passed.Status);
        Assert.Equal(TestSentCodeFactor.FactorType, passed.FactorType);
    }

    [Fact]
    public async Task An_assertion_factor_issues_options_when_begun_and_an_assertion_over_them_passes()
    {
        var challenge = await NewChallengeAsync();

        var prompt = Assert.IsType<AssertionPrompt>(await Challenges.BeginAsync(challenge, _assertion, default));
        var nonce = JsonDocument.Parse(prompt.Request.OptionsJson).RootElement.GetProperty("challenge").GetString();
        var codeInstead = await Challenges.VerifyAsync(Origin, challenge.Id, TestAssertionFactor.FactorType, new FactorResponse(nonce), default);
        var signed = JsonDocument.Parse(JsonSerializer.Serialize(new { signed = nonce })).RootElement;
        var passed = await Challenges.VerifyAsync(Origin, challenge.Id, TestAssertionFactor.FactorType, new FactorResponse(null, signed), default);

        Assert.Equal(ChallengeStatus.WrongCode, codeInstead.Status);
        Assert.Equal(ChallengeStatus.Passed, passed.Status);
        Assert.Equal(TestAssertionFactor.FactorType, passed.FactorType);
    }

    [Fact]
    public async Task A_factor_the_policy_does_not_allow_is_not_begun()
    {
        var challenge = await NewChallengeAsync(allowed: new HashSet<string> { TestAssertionFactor.FactorType });

        Assert.Null(await Challenges.BeginAsync(challenge, _sentCode, default));
        Assert.Equal(0, _sentCode.Sends);
    }

    private Apps.ProtectedApp App => _host.Monitor.Current.Apps.Values.First();

    private async Task<PendingChallenge> NewChallengeAsync(IReadOnlySet<string>? allowed = null)
    {
        var policy = _host.Monitor.Current.DefaultPolicy with
        {
            AllowedFactors = allowed ?? new HashSet<string> { TestSentCodeFactor.FactorType, TestAssertionFactor.FactorType, Unimplemented },
        };
        var request = new ChallengeRequest(App, "alice", policy, ChallengePurpose.SignIn, "/", SessionBinding: "test-binding");
        return await Challenges.CreateAsync(Origin, request, default);
    }

    private static FactorRecord Record(string id, long userId, string type, DateTimeOffset now) =>
        new(id, userId, type, type, [1], "{}", null, now, null);
}
