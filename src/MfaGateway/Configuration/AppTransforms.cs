namespace MfaGateway.Configuration;

/// <summary>The response transforms a route's app needs; the request transforms run on every route.</summary>
[Flags]
public enum AppTransforms
{
    None = 0,

    /// <summary>The app has a login form the gateway watches.</summary>
    LoginResponse = 1,

    /// <summary>The app has a password-change form the gateway watches.</summary>
    PasswordChangeResponse = 2,

    /// <summary>The app has a session cookie the gateway follows as it rotates.</summary>
    AppSessionRotation = 4,

    All = LoginResponse | PasswordChangeResponse | AppSessionRotation,
}
