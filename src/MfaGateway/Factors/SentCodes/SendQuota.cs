using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MfaGateway.Audit;
using MfaGateway.Networking;
using MfaGateway.Storage;

namespace MfaGateway.Factors.SentCodes;

/// <summary>
/// How many codes may be sent per hour: to one user, to one destination, and at the request of one
/// client address (Gateway:SentCodes:Limits). The resend cooldown holds within one challenge; this
/// holds across them, so whoever knows a password cannot loop sign-ins (or enrolments, which send to
/// any address typed) into a flood of mail or texts. Each counter is taken first and checked after,
/// in one atomic increment, so parallel sends cannot overtake a limit.
/// </summary>
public sealed class SendQuota(IEphemeralStore store, ISentCodeSettingsSource settings, AuditLog audit, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <returns>Null when the send may go ahead; otherwise how long until the limit that tripped resets.</returns>
    public async Task<TimeSpan?> TryTakeAsync(string realm, string user, string type, string destination, IPAddress? client, CancellationToken cancellationToken)
    {
        var limits = settings.Current.Limits;
        var now = time.GetUtcNow();
        var bucket = now.ToUnixTimeSeconds() / (long)Window.TotalSeconds;
        var resetIn = DateTimeOffset.FromUnixTimeSeconds((bucket + 1) * (long)Window.TotalSeconds) - now;
        var checks = new List<(string Limit, string Key, int Max)>
        {
            ("user", $"sendquota:user:{realm}:{user}:{bucket}", limits.PerUserPerHour),

            // The destination only as a hash: the store needs no one's address to count it.
            ("destination", $"sendquota:destination:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(destination.ToLowerInvariant())))}:{bucket}", limits.PerDestinationPerHour),
        };
        if (client is not null)
        {
            checks.Add(("client", $"sendquota:client:{client}:{bucket}", limits.PerClientPerHour));
        }

        foreach (var (limit, key, max) in checks)
        {
            if (await store.IncrementAsync(key, resetIn + TimeSpan.FromMinutes(1), cancellationToken) > max)
            {
                await audit.RecordAsync(new RequestOrigin(client, null), realm, user, AuditEventTypes.CodeLimited, AuditOutcomes.Failure,
                    ("factor", type), ("limit", limit), ("max_per_hour", max.ToString(CultureInfo.InvariantCulture)));
                return resetIn;
            }
        }

        return null;
    }
}
