namespace MfaGateway.Decisions;

/// <summary>What the request in front of the decision is for; it decides what a challenge is called and what happens to the app's answer.</summary>
public enum RequestPurpose
{
    /// <summary>A proxied GET or HEAD: it only reads, so with no session a challenge is a sign-in.</summary>
    Read,

    /// <summary>A proxied request that acts (POST and the rest): the user is using the app, so a challenge guards this action.</summary>
    Act,

    /// <summary>The app accepted a password on its login form: its answer is held back or released by the decision.</summary>
    LoginResponse,
}
