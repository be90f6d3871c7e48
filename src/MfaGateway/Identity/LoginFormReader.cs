using MfaGateway.Apps;
using MfaGateway.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace MfaGateway.Identity;

/// <summary>
/// Reads the user name from a login submission without consuming it: the body is buffered (up to a
/// limit), read, and rewound so the app receives it unchanged.
/// </summary>
internal static class LoginFormReader
{
    public enum Status
    {
        Read,
        TooLarge,
        Unreadable,

        /// <summary>The user-name field came twice: the gateway and the app could read different users.</summary>
        Repeated,
    }

    public static async Task<(Status Status, string? UserName)> ReadUserNameAsync(HttpRequest request, string field, int maxBytes, UserNameCase nameCase, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (Status.TooLarge, null);
        }

        request.EnableBuffering(bufferThreshold: Math.Min(maxBytes, 64 * 1024), bufferLimit: maxBytes);
        try
        {
            string? value = null;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(new FormOptions { ValueLengthLimit = maxBytes, MultipartBodyLengthLimit = maxBytes }, cancellationToken);

                // Form keys are looked up case-insensitively here; PHP also reads "user.name" and "user name" as "user_name".
                var values = form.Where(f => CookieName.Matches(f.Key, field) || CookieName.Matches(f.Key, field + "[]")).SelectMany(f => f.Value).ToList();
                if (values.Count > 1)
                {
                    return (Status.Repeated, null);
                }

                value = values.FirstOrDefault();
            }
            else if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    // Parsers disagree on a repeated key (most keep the last); a repeated or re-cased user name is refused.
                    var named = document.RootElement.EnumerateObject().Where(p => p.Name.Equals(field, StringComparison.OrdinalIgnoreCase)).ToList();
                    if (named.Count > 1)
                    {
                        return (Status.Repeated, null);
                    }

                    if (named.Count == 1 && named[0].Value.ValueKind == JsonValueKind.String)
                    {
                        value = named[0].Value.GetString();
                    }
                }
            }
            else
            {
                return (Status.Unreadable, null);
            }

            return (Status.Read, UserName.Normalize(value, nameCase));
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or IOException or NotSupportedException)
        {
            // The buffer limit surfaces as IOException for chunked bodies that exceed it; a charset the
            // form reader cannot decode (utf-7) as NotSupportedException.
            return (ex is IOException ? Status.TooLarge : Status.Unreadable, null);
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
