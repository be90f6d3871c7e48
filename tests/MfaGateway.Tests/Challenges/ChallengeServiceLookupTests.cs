using MfaGateway.Challenges;
using MfaGateway.Factors;
using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Networking;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Challenges;

/// <summary>Each <see cref="ChallengeService"/> call reads the user once and their factors once, however many steps use them.</summary>
public sealed class ChallengeServiceLookupTests : IAsyncLifetime
{
    /// <summary>A client on loopback, as the test host's browsers are.</summary>
    private static readonly RequestOrigin Origin = new(System.Net.IPAddress.Loopback, "tests");

    private GatewayTestHost _host = null!;
    private byte[] _secret = [];

    private ChallengeService Challenges => _host.Services.GetRequiredService<ChallengeService>();

    private CountingUserStore Users => _host.Services.GetRequiredService<CountingUserStore>();

    private CountingFactorStore Factors => _host.Services.GetRequiredService<CountingFactorStore>();

    private CountingDecorator<IRecoveryCodeStore> RecoveryCodes => _host.Services.GetRequiredService<CountingDecorator<IRecoveryCodeStore>>();

    private CountingDecorator<IRiskHistoryStore> RiskHistory => _host.Services.GetRequiredService<CountingDecorator<IRiskHistoryStore>>();

    public async Task InitializeAsync()
    {
        // Registered ahead of the gateway's stores, which are only added when none is registered yet.
        _host = await GatewayTestHost.StartAsync(services: services =>
        {
            services.AddSingleton(provider => new CountingUserStore(ActivatorUtilities.CreateInstance<SqliteUserStore>(provider)));
            services.AddSingleton(provider => new CountingFactorStore(ActivatorUtilities.CreateInstance<SqliteFactorStore>(provider)));
            services.AddSingleton<IUserStore>(provider => provider.GetRequiredService<CountingUserStore>());
            services.AddSingleton<IFactorStore>(provider => provider.GetRequiredService<CountingFactorStore>());
            Counted<IRecoveryCodeStore, SqliteRecoveryCodeStore>(services);
            Counted<IRiskHistoryStore, SqliteRiskHistoryStore>(services);
        });
        using var browser = _host.NewBrowser();
        _secret = await BankFlows.SignInAndEnrolAsync(_host, browser, DemoUsers.Alice);
        _host.Time.AdvanceToNextTimeStep();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Verifying_a_code_looks_the_user_and_their_factors_up_once()
    {
        var challenge = await NewChallengeAsync();

        var outcome = await CountedAsync(() => Challenges.VerifyAsync(
            Origin, challenge.Id, FactorTypes.Totp, new FactorResponse(BankFlows.CodeAt(_secret, _host.Time.GetUtcNow())), default));

        Assert.Equal(ChallengeStatus.Passed, outcome.Result.Status);
        Assert.Equal((1, 1), (outcome.UserLookups, outcome.FactorLists));
    }

    [Fact]
    public async Task A_code_answer_leaves_the_recovery_codes_uncounted()
    {
        // Only a recovery-code answer needs to know whether any are left; counting them on every TOTP
        // answer was one query more per sign-in.
        var challenge = await NewChallengeAsync();
        var counted = RecoveryCodes.CallsOf(nameof(IRecoveryCodeStore.CountRemainingAsync));

        var outcome = await Challenges.VerifyAsync(
            Origin, challenge.Id, FactorTypes.Totp, new FactorResponse(BankFlows.CodeAt(_secret, _host.Time.GetUtcNow())), default);

        Assert.Equal(ChallengeStatus.Passed, outcome.Status);
        Assert.Equal(counted, RecoveryCodes.CallsOf(nameof(IRecoveryCodeStore.CountRemainingAsync)));
    }

    [Fact]
    public async Task Completing_a_passed_challenge_reads_no_user_and_records_the_history_in_one_write()
    {
        var challenge = await NewChallengeAsync();
        var outcome = await Challenges.VerifyAsync(
            Origin, challenge.Id, FactorTypes.Totp, new FactorResponse(BankFlows.CodeAt(_secret, _host.Time.GetUtcNow())), default);
        var completer = _host.Services.GetRequiredService<MfaGateway.Enforcement.ChallengeCompleter>();
        var (lookups, historyCalls, recorded) = (Users.Lookups, RiskHistory.Calls, RiskHistory.CallsOf(nameof(IRiskHistoryStore.RecordMfaAsync)));

        var completed = await completer.CompleteAsync(new DefaultHttpContext { RequestServices = _host.Services }, outcome, rememberDevice: false, default);

        Assert.NotNull(completed);
        Assert.Equal(0, Users.Lookups - lookups);
        Assert.Equal(1, RiskHistory.Calls - historyCalls);
        Assert.Equal(1, RiskHistory.CallsOf(nameof(IRiskHistoryStore.RecordMfaAsync)) - recorded);
        var user = await _host.Services.GetRequiredService<IUserStore>().FindAsync(challenge.Realm, challenge.User, default);
        var position = await _host.Services.GetRequiredService<IRiskHistoryStore>().FindMfaPositionAsync(user!.Id, default);
        Assert.Equal(_host.Time.GetUtcNow(), position!.At);
    }

    [Fact]
    public async Task A_wrong_code_looks_the_user_and_their_factors_up_once()
    {
        var challenge = await NewChallengeAsync();

        var outcome = await CountedAsync(() => Challenges.VerifyAsync(
            Origin, challenge.Id, FactorTypes.Totp, new FactorResponse(BankFlows.WrongCodeFor(_secret, _host.Time.GetUtcNow())), default));

        Assert.Equal(ChallengeStatus.WrongCode, outcome.Result.Status);
        Assert.Equal((1, 1), (outcome.UserLookups, outcome.FactorLists));
    }

    [Fact]
    public async Task Beginning_an_answer_looks_the_user_and_their_factors_up_once()
    {
        var challenge = await NewChallengeAsync();
        var totp = (await Challenges.AvailableFactorsAsync(challenge, default)).First(f => f.Type == FactorTypes.Totp);

        var begun = await CountedAsync(() => Challenges.BeginAsync(challenge, totp, default));
        var listed = await CountedAsync(() => Challenges.AvailableFactorsAsync(challenge, default));

        Assert.IsType<CodePrompt>(begun.Result);
        Assert.Equal((1, 1), (begun.UserLookups, begun.FactorLists));
        Assert.Equal((1, 1), (listed.UserLookups, listed.FactorLists));
    }

    private static void Counted<TService, TDefault>(IServiceCollection services)
        where TService : class
        where TDefault : class, TService
    {
        services.AddSingleton(provider => CountingDecorator<TService>.Wrap(ActivatorUtilities.CreateInstance<TDefault>(provider)).Counter);
        services.AddSingleton(provider => (TService)(object)provider.GetRequiredService<CountingDecorator<TService>>());
    }

    private async Task<PendingChallenge> NewChallengeAsync()
    {
        var app = _host.Monitor.Current.Apps.Values.First();
        var request = new ChallengeRequest(app, DemoUsers.Alice.Name, _host.Monitor.Current.DefaultPolicy, ChallengePurpose.SignIn, "/", SessionBinding: "test-binding");
        return await Challenges.CreateAsync(Origin, request, default);
    }

    private async Task<(T Result, int UserLookups, int FactorLists)> CountedAsync<T>(Func<Task<T>> call)
    {
        var (users, factors) = (Users.Lookups, Factors.Lists);
        var result = await call();
        return (result, Users.Lookups - users, Factors.Lists - factors);
    }
}
