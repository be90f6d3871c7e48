namespace MfaGateway.Storage;

/// <summary>
/// The cookie names each app's successful logins have set: credentials of that app, kept across
/// restarts so a remember-me cookie is withheld from the app from the first request after a restart.
/// </summary>
public interface ILoginCookieStore
{
    Task<IReadOnlyList<(string App, string Name)>> ListAsync(CancellationToken cancellationToken);

    Task AddAsync(string app, string name, DateTimeOffset at, CancellationToken cancellationToken);
}
