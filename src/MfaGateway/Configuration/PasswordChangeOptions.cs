namespace MfaGateway.Configuration;

public sealed class PasswordChangeOptions
{
    /// <summary>Path the app's password-change form is POSTed to.</summary>
    public string? Path { get; set; }

    /// <summary>Response statuses that mean the password changed; empty means 302 and 303.</summary>
    public List<int> SuccessStatus { get; set; } = [];

    /// <summary>Optional path pattern the success redirect's Location must match.</summary>
    public string? SuccessRedirect { get; set; }
}
