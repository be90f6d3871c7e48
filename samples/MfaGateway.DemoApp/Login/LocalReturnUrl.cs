using System.Diagnostics.CodeAnalysis;

namespace MfaGateway.DemoApp.Login;

/// <summary>Guards the post-login redirect so the login form can't be used to send users to another site.</summary>
internal static class LocalReturnUrl
{
    /// <summary>
    /// A path on this site: one leading slash, not <c>//host</c> or <c>/\host</c> (browsers treat both as
    /// another host), and only printable ASCII, because browsers drop tabs and newlines (turning
    /// <c>/&#9;/host</c> into <c>//host</c>) and a redirect header can't carry anything else.
    /// </summary>
    public static bool IsSafe([NotNullWhen(true)] string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }

        if (url.Length > 1 && url[1] is '/' or '\\')
        {
            return false;
        }

        return url.All(character => character is > ' ' and <= '~');
    }

    public static string? OrNull(string? url) => IsSafe(url) ? url : null;
}
