namespace MfaGateway.Policies;

/// <summary>Who may enrol a user's first factor under a policy.</summary>
public enum FirstEnrolment
{
    /// <summary>Whoever signs in with the password (trust on first use).</summary>
    Open,

    /// <summary>Only in a browser that opened the user's invitation link: a stolen password alone cannot enrol.</summary>
    Invitation,
}
