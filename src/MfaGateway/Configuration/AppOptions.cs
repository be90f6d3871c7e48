namespace MfaGateway.Configuration;

/// <summary>One protected application and how the gateway learns who its users are.</summary>
public sealed class AppOptions
{
    /// <summary>YARP route ids served by this app. Empty: every route no other app claims.</summary>
    public List<string> Routes { get; set; } = [];

    /// <summary>Apps in the same realm share users and factors; by default each app is its own realm.</summary>
    public string? Realm { get; set; }

    public IdentityOptions Identity { get; set; } = new();

    /// <summary>Requests under these paths always get JSON answers instead of pages.</summary>
    public List<string> ApiPaths { get; set; } = [];

    /// <summary>Policy applied right after a form login succeeds; defaults to the policy of the login path.</summary>
    public string? SignInPolicy { get; set; }

    /// <summary>The app's own password-change form, watched so that risk policies know the password changed.</summary>
    public PasswordChangeOptions? PasswordChange { get; set; }

    /// <summary>Insensitive (default: "Alice" is "alice") or Sensitive, for apps that keep them apart.</summary>
    public string UserNameCase { get; set; } = "Insensitive";

    /// <summary>Credentials the app accepts besides the one the gateway tracks; they never reach it unvouched.</summary>
    public CredentialOptions Credentials { get; set; } = new();

    /// <summary>
    /// The app's address as users reach it through the gateway ("https://bank.example"): where
    /// invitation links point. Without it, no invitation can be made for the app.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Further request headers the app or its stack reads as identity (X-Forwarded-User, X-Real-IP...): always removed.</summary>
    public List<string> StripHeaders { get; set; } = [];
}
