using MfaGateway.Web;

namespace MfaGateway.Enforcement;

public static class RequestReturnUrl
{
    /// <summary>
    /// The path and query of the current request when they are a safe return address, else "/".
    /// In their escaped form: the decoded path of "/caf%C3%A9" is "/café", which no Location header
    /// can carry (Kestrel refuses the non-ASCII value, and the user would get a 500 after their code
    /// was spent).
    /// </summary>
    public static string Of(HttpRequest request)
    {
        var url = $"{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}{request.QueryString.ToUriComponent()}";
        return ReturnUrl.IsLocal(url) ? url : "/";
    }
}
