using System.Text.Json.Nodes;
using MfaGateway.Audit;
using MfaGateway.Retention;
using MfaGateway.Storage;
using MfaGateway.Storage.Sqlite;
using MfaGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MfaGateway.Tests.Retention;

/// <summary>Issue 8 item 14: audit events, known devices and places, and ended remembered devices are pruned after their retention.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task History_past_its_retention_is_deleted_and_recent_history_kept()
    {
        await using var host = await StartAsync();
        var pruner = await StoppedBackgroundPrunerAsync(host);
        var old = host.Time.GetUtcNow();
        await SeedAsync(host, "old", old);
        host.Time.Advance(TimeSpan.FromDays(3));
        await SeedAsync(host, "new", host.Time.GetUtcNow());

        var run = await pruner.PruneOnceAsync(CancellationToken.None);

        Assert.Equal(new RetentionRun(AuditEvents: 1, KnownDevices: 1, KnownPlaces: 1, TrustedDevices: 2), run);
        Assert.Equal(["new"], await ScalarsAsync(host, "SELECT type FROM audit_events"));
        Assert.Equal(["new"], await ScalarsAsync(host, "SELECT device_id FROM known_devices"));
        Assert.Equal(["new"], await ScalarsAsync(host, "SELECT city FROM known_places"));
        Assert.Equal(["new-expired", "new-revoked", "old-valid"], await ScalarsAsync(host, "SELECT id FROM trusted_devices ORDER BY id"));
    }

    [Fact]
    public async Task A_backlog_larger_than_a_batch_is_drained_in_one_run()
    {
        await using var host = await StartAsync();
        var pruner = await StoppedBackgroundPrunerAsync(host);
        var audit = host.Services.GetRequiredService<FlushingAuditStore>();
        for (var i = 0; i < 7; i++)
        {
            await audit.AppendAsync(Event("old", host.Time.GetUtcNow()), CancellationToken.None);
        }

        host.Time.Advance(TimeSpan.FromDays(3));

        var run = await pruner.PruneOnceAsync(CancellationToken.None);

        Assert.Equal(7, run.AuditEvents);
        Assert.Empty(await ScalarsAsync(host, "SELECT type FROM audit_events"));
    }

    [Fact]
    public async Task Pruning_runs_again_every_interval()
    {
        await using var host = await StartAsync(interval: "1h");
        await host.Services.GetRequiredService<FlushingAuditStore>().AppendAsync(Event("old", host.Time.GetUtcNow()), CancellationToken.None);
        host.Time.Advance(TimeSpan.FromDays(3));

        for (var i = 0; i < 100 && (await ScalarsAsync(host, "SELECT type FROM audit_events")).Count > 0; i++)
        {
            host.Time.Advance(TimeSpan.FromHours(1));
            await Task.Delay(50);
        }

        Assert.Empty(await ScalarsAsync(host, "SELECT type FROM audit_events"));
    }

    [Fact]
    public async Task Bad_retention_values_are_start_up_errors()
    {
        var error = await Assert.ThrowsAsync<MfaGateway.Configuration.GatewayConfigurationException>(() => GatewayTestHost.StartAsync((config, _) =>
            config["Gateway"]!["Retention"] = new JsonObject { ["Audit"] = "forever", ["BatchSize"] = 0, ["Interval"] = "30d" }));

        Assert.Contains("Gateway:Retention:Audit: 'forever' is not a positive duration", error.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway:Retention:BatchSize: 0 is outside 1..100000", error.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway:Retention:Interval: '30d' is outside 1m..7d", error.Message, StringComparison.Ordinal);
    }

    /// <summary>By default the periodic run is far away, so a test's own run sees everything; moving the clock past it triggers it.</summary>
    /// <summary>
    /// The pruner, with its background loop stopped: its own run at start happens in the background, and
    /// one that ran late, after a test moved the clock on, would delete the old rows before the run the
    /// test counts.
    /// </summary>
    private static async Task<RetentionPruner> StoppedBackgroundPrunerAsync(GatewayTestHost host)
    {
        var pruner = host.Services.GetRequiredService<RetentionPruner>();
        await pruner.StopAsync(CancellationToken.None);
        return pruner;
    }

    private static Task<GatewayTestHost> StartAsync(string interval = "7d") => GatewayTestHost.StartAsync((config, _) =>
        config["Gateway"]!["Retention"] = new JsonObject
        {
            ["Interval"] = interval,
            ["Audit"] = "2d",
            ["KnownDevices"] = "2d",
            ["KnownPlaces"] = "2d",
            ["ExpiredTrustedDevices"] = "2d",
            ["BatchSize"] = 3,
        });

    /// <summary>One audit event, known device, known place, and an expired and a revoked remembered device, at <paramref name="at"/>.</summary>
    private static async Task SeedAsync(GatewayTestHost host, string label, DateTimeOffset at)
    {
        var services = host.Services;
        var user = await services.GetRequiredService<IUserStore>().GetOrCreateAsync("bank", "alice", at, CancellationToken.None);
        await services.GetRequiredService<FlushingAuditStore>().AppendAsync(Event(label, at), CancellationToken.None);
        var history = services.GetRequiredService<IRiskHistoryStore>();
        await history.RememberDeviceAsync(new KnownDevice(user.Id, label, "Firefox on Linux", at, at, null, null), CancellationToken.None);
        await history.RememberPlaceAsync(user.Id, new KnownPlace("PT", label, 0, null, null, null, at, at), CancellationToken.None);
        var database = services.GetRequiredService<SqliteDatabase>();
        await using var connection = database.Open();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO trusted_devices (id, user_id, browser, first_seen, last_seen, trusted_at, expires_at, revoked_at)
            VALUES ($id || '-expired', $user, 'Firefox', $at, $at, $at, $at, NULL),
                   ($id || '-revoked', $user, 'Firefox', $at, $at, $at, $later, $at);
            """;
        if (label == "old")
        {
            insert.CommandText += "INSERT INTO trusted_devices (id, user_id, browser, first_seen, last_seen, trusted_at, expires_at) VALUES ('old-valid', $user, 'Firefox', $at, $at, $at, $far);";
        }

        insert.Parameters.AddWithValue("$id", label);
        insert.Parameters.AddWithValue("$user", user.Id);
        insert.Parameters.AddWithValue("$at", (at).ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$later", (at.AddDays(30)).ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$far", (at.AddDays(400)).ToUnixTimeMilliseconds());
        await insert.ExecuteNonQueryAsync();
    }

    private static AuditEvent Event(string type, DateTimeOffset at) => new(0, at, "bank", "alice", type, "success", null, null, new Dictionary<string, string>());

    private static async Task<List<string>> ScalarsAsync(GatewayTestHost host, string sql)
    {
        await using var connection = host.Services.GetRequiredService<SqliteDatabase>().Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0).ToString()!);
        }

        return values;
    }
}
