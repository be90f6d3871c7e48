using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MfaGateway.Devices;

/// <summary>
/// The id a known device goes by in lists and forget requests. The browser's own device id stays inside
/// its encrypted cookie and the database: lists show a one-way hash of it instead, so an id read off a
/// page, an admin answer or a log is never the value the cookie carries.
/// </summary>
public static class DeviceListId
{
    public const int MaxLength = 64;

    private const string Purpose = "MfaGateway.KnownDeviceListId.v1:";

    public static string For(string knownDeviceId) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(Purpose + knownDeviceId)).AsSpan(0, 16));

    /// <summary>Whether <paramref name="id"/> could be an id of a list entry (base64url, at most <see cref="MaxLength"/> characters).</summary>
    public static bool IsWellFormed(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
