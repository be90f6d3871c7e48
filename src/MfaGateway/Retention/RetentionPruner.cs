using MfaGateway.Observability;

namespace MfaGateway.Retention;

/// <summary>
/// Deletes audit events, known devices and places, and ended remembered devices once they are past
/// their configured retention, every <see cref="RetentionSettings.Interval"/> and once at start. A store
/// failure is logged and retried at the next run; it never stops the gateway.
/// </summary>
public sealed partial class RetentionPruner(
    IRetentionSettingsSource settingsSource,
    IRetentionStore store,
    TimeProvider time,
    ILogger<RetentionPruner> logger) : BackgroundService
{
    /// <summary>One full pass; returns the rows deleted per kind.</summary>
    public async Task<RetentionRun> PruneOnceAsync(CancellationToken cancellationToken)
    {
        var settings = settingsSource.Current;
        var now = time.GetUtcNow();
        var run = new RetentionRun(
            await DrainAsync((batch, ct) => store.PruneAuditAsync(now - settings.Audit, batch, ct), settings.BatchSize, cancellationToken),
            await DrainAsync((batch, ct) => store.PruneKnownDevicesAsync(now - settings.KnownDevices, batch, ct), settings.BatchSize, cancellationToken),
            await DrainAsync((batch, ct) => store.PruneKnownPlacesAsync(now - settings.KnownPlaces, batch, ct), settings.BatchSize, cancellationToken),
            await DrainAsync((batch, ct) => store.PruneTrustedDevicesAsync(now - settings.ExpiredTrustedDevices, batch, ct), settings.BatchSize, cancellationToken));
        if (run.Total > 0)
        {
            LogPruned(logger, run.AuditEvents, run.KnownDevices, run.KnownPlaces, run.TrustedDevices);
        }

        return run;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
            {
                LogFailed(logger, ex);
            }

            try
            {
                await Task.Delay(settingsSource.Current.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<int> DrainAsync(Func<int, CancellationToken, Task<int>> prune, int batchSize, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await prune(batchSize, cancellationToken);
            total += deleted;
        }
        while (deleted >= batchSize);

        return total;
    }

    [LoggerMessage(EventId = EventIds.RetentionPruned, Level = LogLevel.Information, Message = "Retention: deleted {AuditEvents} audit events, {KnownDevices} known devices, {KnownPlaces} known places, {TrustedDevices} ended remembered devices")]
    private static partial void LogPruned(ILogger logger, int auditEvents, int knownDevices, int knownPlaces, int trustedDevices);

    [LoggerMessage(EventId = EventIds.RetentionFailed, Level = LogLevel.Error, Message = "Retention pruning failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public sealed record RetentionRun(int AuditEvents, int KnownDevices, int KnownPlaces, int TrustedDevices)
{
    public int Total => AuditEvents + KnownDevices + KnownPlaces + TrustedDevices;
}
