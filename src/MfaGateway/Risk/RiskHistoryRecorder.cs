using MfaGateway.Configuration;
using MfaGateway.Networking;
using MfaGateway.Risk.Devices;
using MfaGateway.Risk.Geo;
using MfaGateway.Storage;
using MfaGateway.TrustedDevices;
using Microsoft.Net.Http.Headers;

namespace MfaGateway.Risk;

/// <summary>
/// Builds the history risk evaluation compares with. A device and a place become known only when
/// the user passes MFA there; a quiet risk check refreshes only what it found known: an attacker
/// with the password alone can never make their own device or country familiar.
/// </summary>
public sealed class RiskHistoryRecorder(IRiskHistoryStore history, IGeoLocator geo, DeviceIdCookie deviceCookie)
{
    private const string UnknownPlace = "an unknown place";

    /// <summary>After a passed challenge: the device (issuing its cookie if needed), the place, and the MFA position.</summary>
    /// <returns>The browser's device id, so that a device remembered now can be linked to it.</returns>
    public async Task<string> RecordMfaAsync(HttpContext context, GatewayConfig config, UserRecord user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deviceId = deviceCookie.GetOrIssue(context, config.Risk.DeviceCookieLifetime, now);
        var place = Locate(context);
        await RememberAsync(context, user, deviceId, place, now, cancellationToken);
        await history.SetMfaPositionAsync(
            user.Id,
            new MfaPosition(now, place is null ? UnknownPlace : PlaceNames.Describe(place), place?.Latitude, place?.Longitude, place?.AccuracyRadiusKm),
            cancellationToken);
        return deviceId;
    }

    /// <summary>
    /// After a quiet risk check: last seen of the device and the place, but only where the check itself
    /// found them known. A policy that does not check devices (or places) must not make an unknown one
    /// known: another policy that does check would then trust what no MFA ever vouched for.
    /// </summary>
    public Task RecordClearedAsync(HttpContext context, UserRecord user, RiskAssessment assessment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var device = assessment.Checked.HasFlag(RiskTriggers.NewDevice) ? assessment.DeviceId : null;
        var place = assessment.Checked.HasFlag(RiskTriggers.NewLocation) ? assessment.Place : null;
        return device is null && place is null ? Task.CompletedTask : RememberAsync(context, user, device, place, now, cancellationToken);
    }

    private async Task RememberAsync(HttpContext context, UserRecord user, string? deviceId, GeoPlace? place, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ip = context.ClientAddress() is { } client ? NetworkList.Normalize(client).ToString() : null;
        if (deviceId is not null)
        {
            var browser = BrowserSummary.From(context.Request.Headers[HeaderNames.UserAgent].ToString());
            await history.RememberDeviceAsync(new KnownDevice(user.Id, deviceId, browser, now, now, ip, place is null ? null : PlaceNames.Describe(place)), cancellationToken);
        }

        if (place?.CountryCode is { } country)
        {
            await history.RememberPlaceAsync(
                user.Id,
                new KnownPlace(country.ToUpperInvariant(), place.City ?? string.Empty, place.Asn ?? 0, place.Latitude, place.Longitude, place.AccuracyRadiusKm, now, now),
                cancellationToken);
        }
    }

    private GeoPlace? Locate(HttpContext context) =>
        (geo.LocationEnabled || geo.AsnEnabled) && context.ClientAddress() is { } client ? geo.Locate(client) : null;
}
