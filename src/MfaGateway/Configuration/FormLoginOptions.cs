namespace MfaGateway.Configuration;

public sealed class FormLoginOptions
{
    public string? LoginPath { get; set; }

    public string UsernameField { get; set; } = "username";

    /// <summary>Response statuses that mean the password was accepted; empty means 302 and 303.</summary>
    /// <remarks>List defaults live in the compiler: the binder appends to a non-empty default list, so an operator could never narrow it.</remarks>
    public List<int> SuccessStatus { get; set; } = [];

    /// <summary>Optional path pattern the success redirect's Location must match.</summary>
    public string? SuccessRedirect { get; set; }

    /// <summary>The app's session cookie: success must set it, and the gateway session is bound to it.</summary>
    public string? SessionCookie { get; set; }

    /// <summary>Where to send the user after MFA when the app's success response was not a redirect.</summary>
    public string AfterLoginPath { get; set; } = "/";

    public List<string> LogoutPaths { get; set; } = [];

    /// <summary>Largest login body read to find the username; larger ones are refused, never passed unread.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
