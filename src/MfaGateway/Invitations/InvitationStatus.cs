using MfaGateway.Storage;

namespace MfaGateway.Invitations;

public enum InvitationState
{
    /// <summary>No invitation has that token (never made, or a wrong secret).</summary>
    Unknown,

    /// <summary>Valid and not opened yet.</summary>
    Open,

    /// <summary>Opened in this browser: enrolling here is allowed.</summary>
    OpenedHere,

    /// <summary>Opened in another browser, which alone can use it.</summary>
    OpenedElsewhere,

    Used,

    Revoked,

    Expired,
}

/// <summary>An invitation as its link's page shows it.</summary>
/// <param name="User">The invited user's name; null when <see cref="InvitationState.Unknown"/>.</param>
/// <param name="App">The app's name; null when unknown.</param>
public sealed record InvitationStatus(InvitationState State, InvitationRecord? Record, string? User, string? App)
{
    public static readonly InvitationStatus Unknown = new(InvitationState.Unknown, null, null, null);
}

/// <summary>A new invitation: its link (shown to the administrator once) and whether it was queued for e-mail.</summary>
public sealed record InvitationCreated(string Id, Uri Link, DateTimeOffset ExpiresAt, bool Emailed);
