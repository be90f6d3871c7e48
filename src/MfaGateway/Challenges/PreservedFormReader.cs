using Microsoft.AspNetCore.Http.Features;

namespace MfaGateway.Challenges;

/// <summary>
/// Keeps a browser form POST that needs a step-up, so it can be re-submitted after MFA and the
/// user's work is not lost. Only url-encoded forms up to a size limit qualify: file uploads cannot
/// be re-created by a page, and the state store is no place for large bodies.
/// </summary>
public static class PreservedFormReader
{
    public static async Task<PreservedForm?> TryReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method) || maxBytes == 0 || !request.HasFormContentType
            || !request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || request.ContentLength is null || request.ContentLength > maxBytes)
        {
            return null;
        }

        var form = await request.ReadFormAsync(new FormOptions { ValueLengthLimit = maxBytes, KeyLengthLimit = 1024, ValueCountLimit = 1024 }, cancellationToken);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (key, values) in form)
        {
            foreach (var value in values)
            {
                fields.Add(new KeyValuePair<string, string>(key, value ?? string.Empty));
            }
        }

        return new PreservedForm(ReturnUrl.FromRequest(request), fields);
    }
}
