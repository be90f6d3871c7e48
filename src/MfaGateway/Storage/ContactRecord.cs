namespace MfaGateway.Storage;

public enum ContactKind
{
    Email,
    Phone,
}

/// <summary>Where a confirmed contact came from: the stronger source is not replaced by a weaker one.</summary>
public enum ContactSource
{
    /// <summary>The user confirmed it with a code when enrolling an email or SMS factor.</summary>
    Factor = 0,

    /// <summary>The identity source vouches for it (an SSO header, a verified JWT claim) and the user confirmed it with a code.</summary>
    Identity = 1,

    /// <summary>An administrator gave it (with an invitation).</summary>
    Administrator = 2,
}

/// <summary>
/// A user's confirmed address, kept apart from their factors: removing the last email factor (or an
/// administrator's reset) must not remove the address the notice of that removal goes to.
/// </summary>
/// <param name="SealedValue">The address sealed with Data Protection, bound to the user and the kind.</param>
public sealed record ContactRecord(long UserId, ContactKind Kind, byte[] SealedValue, ContactSource Source, DateTimeOffset UpdatedAt);
