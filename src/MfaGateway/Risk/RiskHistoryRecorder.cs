using MfaGateway.Networking;
using MfaGateway.Risk.Devices;
using MfaGateway.Risk.Geo;
using MfaGateway.Storage;
using MfaGateway.TrustedDevices;

namespace MfaGateway.Risk;

/// <summary>
/// Builds the history risk evaluation compares with. A device and a place become known only when
/// the user passes MFA there; a quiet risk check refreshes only what it found known: an attacker
/// with the password alone can never make their own device or country familiar.
/// </summary>
public sealed class RiskHistoryRecorder(IRiskHistoryStore history, IGeoLocator geo, DeviceIdProtector deviceIds)
{
    private const string UnknownPlace = "an unknown place";

    /// <summary>After a passed challenge: the device (issuing an id if the browser has none), the place, and the MFA position.</summary>
    /// <returns>
    /// The browser's device id, so that a device remembered now can be linked to it; with a token when
    /// the id is new, which the caller must set as the browser's device cookie.
    /// </returns>
    public async Task<RecordedDevice> RecordMfaAsync(RequestOrigin origin, UserRecord user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = deviceIds.Verify(origin.DeviceToken);
        var issued = known is null ? deviceIds.Issue() : null;
        var deviceId = known ?? issued!.Id;
        var place = Locate(origin);
        var described = place is null ? UnknownPlace : PlaceNames.Describe(place);
        await history.RecordMfaAsync(
            Device(origin, user, deviceId, place, now),
            Known(place, now),
            new MfaPosition(now, described, place?.Latitude, place?.Longitude, place?.AccuracyRadiusKm),
            cancellationToken);
        return new RecordedDevice(deviceId, issued?.Token);
    }

    /// <summary>
    /// After a quiet risk check: last seen of the device and the place, but only where the check itself
    /// found them known. A policy that does not check devices (or places) must not make an unknown one
    /// known: another policy that does check would then trust what no MFA ever vouched for.
    /// </summary>
    public Task RecordClearedAsync(RequestOrigin origin, UserRecord user, RiskAssessment assessment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var device = assessment.Checked.HasFlag(RiskTriggers.NewDevice) ? assessment.DeviceId : null;
        var place = assessment.Checked.HasFlag(RiskTriggers.NewLocation) ? assessment.Place : null;
        return device is null && place is null ? Task.CompletedTask : RememberAsync(origin, user, device, place, now, cancellationToken);
    }

    private async Task RememberAsync(RequestOrigin origin, UserRecord user, string? deviceId, GeoPlace? place, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (deviceId is not null)
        {
            await history.RememberDeviceAsync(Device(origin, user, deviceId, place, now), cancellationToken);
        }

        if (Known(place, now) is { } known)
        {
            await history.RememberPlaceAsync(user.Id, known, cancellationToken);
        }
    }

    private static KnownDevice Device(RequestOrigin origin, UserRecord user, string deviceId, GeoPlace? place, DateTimeOffset now)
    {
        var ip = origin.ClientAddress is { } client ? NetworkList.Normalize(client).ToString() : null;
        return new KnownDevice(user.Id, deviceId, BrowserSummary.From(origin.UserAgent), now, now, ip, place is null ? null : PlaceNames.Describe(place));
    }

    /// <summary>Only a place with a country is worth remembering: risk compares countries first.</summary>
    private static KnownPlace? Known(GeoPlace? place, DateTimeOffset now) =>
        place?.CountryCode is { } country
            ? new KnownPlace(country.ToUpperInvariant(), place.City ?? string.Empty, place.Asn ?? 0, place.Latitude, place.Longitude, place.AccuracyRadiusKm, now, now)
            : null;

    private GeoPlace? Locate(RequestOrigin origin) =>
        (geo.LocationEnabled || geo.AsnEnabled) && origin.ClientAddress is { } client ? geo.Locate(client) : null;
}
