using System.Text;
using MfaGateway.Apps;
using MfaGateway.Storage;

namespace MfaGateway.Sessions;

/// <summary>
/// Which user an app session belongs to, learned when the gateway saw the app accept that user's
/// password. It lets the gateway challenge the right user when the gateway cookie is missing,
/// tampered or expired while the app session lives on. Consulted only off the hot path.
/// </summary>
public sealed class SessionBindingStore(IEphemeralStore store)
{
    /// <summary>
    /// App sessions one user of one app is remembered in; beyond this the oldest is forgotten (its
    /// browser is asked to sign in again). Generous for people, a limit for a script looping logins.
    /// </summary>
    public const int MaxPerUser = 100;

    public ValueTask RememberAsync(ProtectedApp app, string binding, string user, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        store.SetAsync(Key(app, binding), Encoding.UTF8.GetBytes(user), timeToLive, new EphemeralOwner($"bindings:{app.Name}:{user}", MaxPerUser), cancellationToken);

    public async ValueTask<string?> FindUserAsync(ProtectedApp app, string binding, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(Key(app, binding), cancellationToken);
        return stored is null ? null : Encoding.UTF8.GetString(stored);
    }

    public ValueTask<bool> ForgetAsync(ProtectedApp app, string binding, CancellationToken cancellationToken) =>
        store.DeleteAsync(Key(app, binding), cancellationToken);

    private static string Key(ProtectedApp app, string binding) => $"binding:{app.Name}:{binding}";
}
