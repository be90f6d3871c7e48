using MfaGateway.Audit;
using MfaGateway.Tests.Factors.WebAuthn;
using MfaGateway.Tests.Infrastructure;
using MfaGateway.Tests.SelfService;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Administration;

/// <summary>What an administrator sees of a user's passkeys and security keys, and of their counters going backwards.</summary>
public sealed class WebAuthnStatusTests
{
    [Fact]
    public async Task Status_lists_each_passkey_with_its_flags_model_counter_and_dates()
    {
        await using var admin = await AdminApiHost.StartAsync(PasskeyFlows.Configure);
        using var browser = admin.Host.NewBrowser();
        var secret = await BankFlows.SignInAndEnrolAsync(admin.Host, browser, DemoUsers.Alice);
        using var key = new SoftwareAuthenticator { Synced = true, Counter = 41 };
        var id = await PasskeyFlows.AddAsync(browser, key, "Phone", SecurityFlows.ProofCode(admin.Host, secret));
        var addedAt = admin.Host.Time.GetUtcNow();

        var status = await admin.StatusAsync("alice");

        Assert.Equal(["totp", "webauthn"], status.GetProperty("factor_types").EnumerateArray().Select(t => t.GetString()));
        var credential = Assert.Single(status.GetProperty("webauthn_credentials").EnumerateArray());
        Assert.Equal(id, credential.GetProperty("factor_id").GetString());
        Assert.Equal("Phone", credential.GetProperty("name").GetString());
        Assert.Equal("passkey", credential.GetProperty("type").GetString());
        Assert.True(credential.GetProperty("backup_eligible").GetBoolean());
        Assert.True(credential.GetProperty("backed_up").GetBoolean());
        Assert.Equal(key.Aaguid, credential.GetProperty("aaguid").GetGuid());
        Assert.Equal("none", credential.GetProperty("attestation_format").GetString());
        Assert.Equal(41u, credential.GetProperty("sign_count").GetUInt32());
        Assert.False(credential.GetProperty("possibly_cloned").GetBoolean());
        Assert.Equal(addedAt, credential.GetProperty("created_at").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, credential.GetProperty("last_used_at").ValueKind);
    }

    [Fact]
    public async Task A_counter_regression_is_recorded_with_both_counters_and_found_by_its_type()
    {
        await using var admin = await AdminApiHost.StartAsync();
        var audit = admin.Host.Services.GetRequiredService<AuditLog>();

        await audit.RecordCounterRegressionAsync(null, "bank", "alice", "f1", stored: 9, presented: 3, refused: true);
        await audit.RecordCounterRegressionAsync(null, "bank", "alice", "f2", stored: 5, presented: 5, refused: false);

        var events = (await admin.AuditAsync($"type={AuditEventTypes.WebAuthnCounterRegression}")).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(2, events.Count);
        var flagged = events.Single(e => e.GetProperty("detail").GetProperty("factor_id").GetString() == "f2");
        var refused = events.Single(e => e.GetProperty("detail").GetProperty("factor_id").GetString() == "f1");
        Assert.Equal(AuditOutcomes.Success, flagged.GetProperty("outcome").GetString());
        Assert.Equal("flagged", flagged.GetProperty("detail").GetProperty("action").GetString());
        Assert.Equal(AuditOutcomes.Failure, refused.GetProperty("outcome").GetString());
        Assert.Equal("refused", refused.GetProperty("detail").GetProperty("action").GetString());
        Assert.Equal("9", refused.GetProperty("detail").GetProperty("stored_count").GetString());
        Assert.Equal("3", refused.GetProperty("detail").GetProperty("presented_count").GetString());
        Assert.Equal("webauthn", refused.GetProperty("detail").GetProperty("factor").GetString());
    }
}
