using System.Globalization;
using System.Text;
using MfaGateway.Apps;
using MfaGateway.Storage;

namespace MfaGateway.Sessions;

/// <summary>
/// Which user an app session belongs to, learned when the gateway saw the app accept that user's
/// password. It lets the gateway challenge the right user when the gateway cookie is missing,
/// tampered or expired while the app session lives on. Consulted only off the hot path.
/// Each binding is kept with the user's session epoch: when every session of the user is ended, so
/// is what the app sessions they had could still prove, and those app sessions must sign in again.
/// </summary>
public sealed class SessionBindingStore(IEphemeralStore store, EndedSessions ended)
{
    /// <summary>
    /// App sessions one user of one app is remembered in; beyond this the oldest is forgotten (its
    /// browser is asked to sign in again). Generous for people, a limit for a script looping logins.
    /// </summary>
    public const int MaxPerUser = 100;

    public ValueTask RememberAsync(ProtectedApp app, string binding, string user, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        store.SetAsync(
            Key(app, binding),
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{ended.CurrentEpoch(app.Realm, user)}:{user}")),
            timeToLive,
            new EphemeralOwner($"bindings:{app.Name}:{user}", MaxPerUser),
            cancellationToken);

    public async ValueTask<string?> FindUserAsync(ProtectedApp app, string binding, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(Key(app, binding), cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var value = Encoding.UTF8.GetString(stored);
        var separator = value.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || !long.TryParse(value.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            return null;
        }

        var user = value[(separator + 1)..];
        if (ended.IsEpochEnded(app.Realm, user, epoch))
        {
            await store.DeleteAsync(Key(app, binding), cancellationToken);
            return null;
        }

        return user;
    }

    public ValueTask<bool> ForgetAsync(ProtectedApp app, string binding, CancellationToken cancellationToken) =>
        store.DeleteAsync(Key(app, binding), cancellationToken);

    private static string Key(ProtectedApp app, string binding) => $"binding:{app.Name}:{binding}";
}
