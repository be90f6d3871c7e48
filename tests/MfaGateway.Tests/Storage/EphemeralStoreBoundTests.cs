using System.Net.Http.Json;
using MfaGateway.Challenges;
using MfaGateway.Storage;
using MfaGateway.Storage.InMemory;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Storage;

/// <summary>A script that signs in again and again fills nothing: the gateway's in-memory state stays flat.</summary>
public sealed class EphemeralStoreBoundTests
{
    [Fact]
    public async Task Memory_stays_flat_under_a_loop_of_new_challenges_and_the_newest_still_works()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var enrolment = host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(host, enrolment, DemoUsers.Alice);
        host.Time.AdvanceToNextTimeStep();
        var store = (InMemoryEphemeralStore)host.Services.GetRequiredService<IEphemeralStore>();

        async Task<string> SignInsAsync(int count)
        {
            var token = string.Empty;
            using var script = host.NewBrowser();
            for (var n = 0; n < count; n++)
            {
                token = ApiFlows.MfaToken(await (await ApiFlows.SubmitLoginAsApiAsync(script, DemoUsers.Alice)).Content.ReadAsStringAsync());
            }

            return token;
        }

        await SignInsAsync(SessionBindingSignIns);
        var (entries, bytes) = (store.Count, store.Bytes);
        var newest = await SignInsAsync(SessionBindingSignIns);

        Assert.Equal(entries, store.Count);
        Assert.InRange(store.Bytes, bytes - 2048, bytes + 2048);
        Assert.True(store.Count <= ChallengeStore.MaxPendingPerUser + MfaGateway.Sessions.SessionBindingStore.MaxPerUser + 10, $"{store.Count} entries");
        using var client = host.NewBrowser();
        var passed = await client.Http.PostAsJsonAsync("/.mfa/api/verify", new { mfa_token = newest, code = BankFlows.CodeAt(secret, host.Time.GetUtcNow()) });
        Assert.Equal(System.Net.HttpStatusCode.OK, passed.StatusCode);
    }

    /// <summary>Enough sign-ins to fill both of the user's quotas: pending challenges and app-session bindings.</summary>
    private const int SessionBindingSignIns = MfaGateway.Sessions.SessionBindingStore.MaxPerUser + 20;
}
