using System.Globalization;
using MfaGateway.Audit;
using MfaGateway.Delivery.Sms;
using MfaGateway.Networking;
using MfaGateway.Observability;
using MfaGateway.Storage;

namespace MfaGateway.Factors.Sms;

/// <summary>
/// SMS pumping caps (Gateway:Sms:Limits) on top of the per-user, per-number and per-client limits every
/// sent code has: per country calling code per hour, and for the whole gateway per hour and per day,
/// so that a fraud ring rotating numbers and addresses still cannot run up the bill. Each counter is
/// one atomic increment, taken before the provider is asked.
/// </summary>
public sealed partial class SmsPumpingGuard(IEphemeralStore store, AuditLog audit, TimeProvider time, ILogger<SmsPumpingGuard> logger)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <returns>Null when the text may go; otherwise how long until the cap that tripped resets.</returns>
    public async Task<TimeSpan?> TryTakeAsync(PhoneNumberEntry number, SmsLimits limits, string realm, string user, System.Net.IPAddress? client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (limit, key, max, window) in new[]
        {
            ("country_hourly", $"smscap:country:{number.CountryCode}", limits.PerCountryPerHour, Hour),
            ("global_hourly", "smscap:global:hour", limits.GlobalPerHour, Hour),
            ("global_daily", "smscap:global:day", limits.GlobalPerDay, Day),
        })
        {
            var bucket = now.ToUnixTimeSeconds() / (long)window.TotalSeconds;
            var resetIn = DateTimeOffset.FromUnixTimeSeconds((bucket + 1) * (long)window.TotalSeconds) - now;
            if (await store.IncrementAsync($"{key}:{bucket}", resetIn + TimeSpan.FromMinutes(1), cancellationToken) > max)
            {
                LogCapReached(logger, limit, max);
                await audit.RecordAsync(new RequestOrigin(client, null), realm, user, AuditEventTypes.CodeLimited, AuditOutcomes.Failure,
                    ("factor", FactorTypes.Sms), ("limit", limit), ("max", max.ToString(CultureInfo.InvariantCulture)), ("country", number.Region));
                return resetIn;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = EventIds.SmsCapReached, Level = LogLevel.Warning, Message = "SMS cap {Limit} ({Max}) reached: texts are refused until it resets")]
    private static partial void LogCapReached(ILogger logger, string limit, int max);
}
