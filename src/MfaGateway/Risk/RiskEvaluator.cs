using System.Globalization;
using MfaGateway.Networking;
using MfaGateway.Risk.Devices;
using MfaGateway.Risk.Geo;
using MfaGateway.Risk.Reputation;
using MfaGateway.Risk.Travel;
using MfaGateway.Storage;

namespace MfaGateway.Risk;

/// <summary>
/// Weighs a request of an enrolled user against a RiskBased policy's triggers. Runs only when the
/// request carries no session that satisfies the policy (sign-in, or the first request of a new
/// session), never for a request that already has one. Addresses that cannot be located (private,
/// loopback, not in the database, GeoIP off) raise no location signal: there is nothing to compare.
/// </summary>
public sealed class RiskEvaluator(
    IGeoLocator geo,
    IIpReputation reputation,
    IRiskHistoryStore history,
    DeviceIdProtector deviceIds,
    TimeProvider time)
{
    public async Task<RiskAssessment> EvaluateAsync(RequestOrigin origin, RiskSettings settings, RiskRules rules, UserRecord user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var client = origin.ClientAddress;
        var place = client is not null && (geo.LocationEnabled || geo.AsnEnabled) ? geo.Locate(client) : null;
        var deviceId = deviceIds.Verify(origin.DeviceToken);
        var signals = new List<RiskSignal>();
        var enabled = rules.Enabled;

        // What each trigger will compare with, decided first, so that the history is read at once.
        var checkDevice = enabled.HasFlag(RiskTriggers.NewDevice);
        var checkPlace = enabled.HasFlag(RiskTriggers.NewLocation) && place?.CountryCode is not null;
        var checkTravel = enabled.HasFlag(RiskTriggers.ImpossibleTravel) && place is { Latitude: not null, Longitude: not null };
        var passwordChanged = enabled.HasFlag(RiskTriggers.AfterPasswordChange) && user.PasswordChangedAt is { } at && at > now - settings.PasswordChangeWindow
            ? user.PasswordChangedAt
            : null;
        var known = checkDevice && deviceId is not null || checkPlace || checkTravel || passwordChanged is not null
            ? await history.ReadForRiskAsync(user.Id, checkDevice ? deviceId : null, checkPlace, checkTravel || passwordChanged is not null, cancellationToken)
            : RiskHistory.None;

        if (checkDevice && !known.DeviceKnown)
        {
            signals.Add(new RiskSignal(RiskTriggers.NewDevice, "We don't recognise this device.", deviceId is null ? "no device cookie" : "device not known for this user"));
        }

        if (checkPlace && NewLocation(place!, known.Places, settings) is { } newPlace)
        {
            signals.Add(newPlace);
        }

        if (checkTravel && place is { Latitude: { } lat, Longitude: { } lon }
            && known.LastMfa is { Latitude: { } fromLat, Longitude: { } fromLon } position
            && ImpossibleTravel.Check((fromLat, fromLon, position.AccuracyKm), position.At, (lat, lon, place.AccuracyRadiusKm), now, settings.ImpossibleTravelSpeedKmh) is { } journey)
        {
            signals.Add(new RiskSignal(
                RiskTriggers.ImpossibleTravel,
                string.Create(CultureInfo.InvariantCulture, $"You last verified from {position.Place} {Ago(journey.Elapsed)}; {PlaceNames.Describe(place)} is at least {journey.DistanceKm:N0} km away."),
                string.Create(CultureInfo.InvariantCulture, $"{journey.DistanceKm:F0} km in {journey.Elapsed.TotalMinutes:F0} min from {position.Place}: {(double.IsInfinity(journey.SpeedKmh) ? "instant" : journey.SpeedKmh.ToString("F0", CultureInfo.InvariantCulture) + " km/h")} > {settings.ImpossibleTravelSpeedKmh:F0} km/h")));
        }

        if (enabled.HasFlag(RiskTriggers.SuspiciousIp) && client is not null)
        {
            var verdict = await reputation.CheckAsync(client, place?.Asn, cancellationToken);
            if (verdict.Suspicious)
            {
                signals.Add(new RiskSignal(
                    RiskTriggers.SuspiciousIp,
                    verdict.ForUser ?? "Your connection comes from a network we treat as risky, such as an anonymising service or a hosting provider.",
                    string.Join("; ", verdict.Reasons)));
            }
        }

        if (passwordChanged is { } changed && !(known.LastMfa?.At > changed))
        {
            signals.Add(new RiskSignal(RiskTriggers.AfterPasswordChange, "Your password was changed recently.", $"password changed {Ago(now - changed)}, no MFA since"));
        }

        var action = RiskAction.Off;
        foreach (var signal in signals)
        {
            var wanted = rules.ActionFor(signal.Trigger);
            action = wanted > action ? wanted : action;
        }

        return new RiskAssessment(enabled, signals, action, client, place, deviceId);
    }

    /// <summary>The new-location signal, or null when a known place matches at the configured precision.</summary>
    private static RiskSignal? NewLocation(GeoPlace place, IReadOnlyList<KnownPlace> known, RiskSettings settings)
    {
        var city = place.City ?? string.Empty;
        var asn = place.Asn ?? 0;
        var sameCountry = known.Where(k => string.Equals(k.Country, place.CountryCode, StringComparison.OrdinalIgnoreCase)).ToList();
        if (sameCountry.Count == 0)
        {
            var before = known.Count == 0 ? "none" : string.Join(", ", known.Select(k => k.Country).Distinct(StringComparer.OrdinalIgnoreCase).Take(10));
            return new RiskSignal(RiskTriggers.NewLocation, $"Sign-in from {place.CountryName ?? place.CountryCode}, which is new for you.", $"country {place.CountryCode} not among {before}");
        }

        if (settings.NewLocationByCity && city.Length > 0 && !sameCountry.Any(k => string.Equals(k.City, city, StringComparison.OrdinalIgnoreCase)))
        {
            return new RiskSignal(RiskTriggers.NewLocation, $"Sign-in from {PlaceNames.Describe(place)}, which is new for you.", $"city {city} ({place.CountryCode}) not known");
        }

        if (settings.NewLocationIncludesAsn && asn != 0 && !known.Any(k => k.Asn == asn))
        {
            var network = place.AsnOrganization is null ? $"AS{asn}" : $"{place.AsnOrganization} (AS{asn})";
            return new RiskSignal(RiskTriggers.NewLocation, $"Sign-in through a network that is new for you: {network}.", $"network AS{asn} not known");
        }

        return null;
    }

    private static string Ago(TimeSpan elapsed) => elapsed switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalMinutes: < 90 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(elapsed.TotalMinutes):0} minutes ago"),
        { TotalHours: < 36 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(elapsed.TotalHours):0} hours ago"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(elapsed.TotalDays):0} days ago"),
    };
}
