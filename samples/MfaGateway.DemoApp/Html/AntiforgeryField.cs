using Microsoft.AspNetCore.Antiforgery;

namespace MfaGateway.DemoApp.Html;

internal static class AntiforgeryField
{
    /// <summary>The hidden token every form carries; also sets the matching antiforgery cookie when needed.</summary>
    public static Markup For(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return Markup.Of($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""");
    }
}
