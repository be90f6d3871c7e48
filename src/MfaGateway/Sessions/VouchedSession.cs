using System.Globalization;
using MfaGateway.Security;

namespace MfaGateway.Sessions;

/// <summary>
/// A gateway session that decrypted, with what every proxied request derives from it computed once:
/// the identity headers for the app, and the app session value its binding was last verified for.
/// Shared by concurrent requests presenting the same token; its state only ever moves forward.
/// </summary>
public sealed class VouchedSession
{
    private string? _verifiedAppSession;
    private long _liveAtGeneration = -1;

    public VouchedSession(GatewaySession session)
    {
        Session = session;
        Upstream = new UpstreamIdentity(
            this,
            string.Join(',', session.Factors),
            session.MfaAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Request = GatewayRequestFeature.VouchedFor(Upstream);
    }

    public GatewaySession Session { get; }

    /// <summary>The <see cref="EndedSessions"/> generation at which this session was last found not ended; -1 before.</summary>
    public long LiveAtGeneration
    {
        get => Volatile.Read(ref _liveAtGeneration);
        set => Volatile.Write(ref _liveAtGeneration, value);
    }

    public UpstreamIdentity Upstream { get; }

    /// <summary>Set on a request the gateway forwards as this user.</summary>
    public GatewayRequestFeature Request { get; }

    /// <summary>
    /// Whether this session belongs to the app session <paramref name="appSessionCookie"/>. The hash
    /// is computed once per app session value; later requests compare the value in constant time.
    /// </summary>
    public bool IsBoundTo(ReadOnlySpan<char> appSessionCookie)
    {
        var verified = Volatile.Read(ref _verifiedAppSession);
        if (verified is not null && ConstantTime.Equals(verified, appSessionCookie))
        {
            return true;
        }

        if (!SessionBinding.Matches(Session.Binding, SessionBinding.For(appSessionCookie)))
        {
            return false;
        }

        Volatile.Write(ref _verifiedAppSession, appSessionCookie.ToString());
        return true;
    }
}
