using MfaGateway.Challenges;
using MfaGateway.Security;
using Microsoft.AspNetCore.Http.Features;

namespace MfaGateway.Enforcement;

/// <summary>
/// Keeps a browser form POST that needs a step-up, so it can be re-submitted after MFA and the
/// user's work is not lost. Only a same-origin form qualifies: any other site can make a browser
/// post a form, and re-sending that once the user has typed a code would carry out the forgery.
/// Only url-encoded forms up to a size limit: file uploads cannot be re-created by a page, and the
/// state store is no place for large bodies.
/// </summary>
public static class PreservedFormReader
{
    /// <summary>More fields, or a longer field name, than a form a person fills in has.</summary>
    public const int MaxFields = 1024;

    public const int MaxKeyLength = 1024;

    public static async Task<FormCapture> CaptureAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return FormCapture.None;
        }

        switch (RequestSources.Classify(request))
        {
            case RequestSource.OtherOrigin:
                return new FormCapture(Unsent: UnsentFormReason.OtherSite);
            case RequestSource.Unknown:
                return new FormCapture(Unsent: UnsentFormReason.OriginUnknown);
        }

        if (maxBytes == 0 || !request.HasFormContentType
            || !request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || request.ContentLength is null || request.ContentLength > maxBytes)
        {
            return new FormCapture(Unsent: UnsentFormReason.CannotBeKept);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { ValueLengthLimit = maxBytes, KeyLengthLimit = MaxKeyLength, ValueCountLimit = MaxFields }, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return new FormCapture(Refusal: $"It has more than {MaxFields} fields or a field name longer than {MaxKeyLength} characters.");
        }
        catch (NotSupportedException)
        {
            return new FormCapture(Refusal: "It was sent in a character set the gateway cannot read.");
        }

        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (key, values) in form)
        {
            foreach (var value in values)
            {
                fields.Add(new KeyValuePair<string, string>(key, value ?? string.Empty));
            }
        }

        // A browser turns NUL in a page into U+FFFD: the form posted back would not be the one the user sent.
        if (fields.Any(f => f.Key.Contains('\0', StringComparison.Ordinal) || f.Value.Contains('\0', StringComparison.Ordinal)))
        {
            return new FormCapture(Refusal: "It contains a NUL character, which a page cannot send back unchanged.");
        }

        return new FormCapture(new PreservedForm(RequestReturnUrl.Of(request), fields));
    }
}
