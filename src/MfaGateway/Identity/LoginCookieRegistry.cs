using System.Collections.Concurrent;
using MfaGateway.Apps;
using MfaGateway.Observability;
using MfaGateway.Storage;
using MfaGateway.Web;
using Microsoft.Net.Http.Headers;

namespace MfaGateway.Identity;

/// <summary>
/// The cookies each app's successful logins set, besides the session cookie the gateway tracks: a
/// remember-me cookie, a second session. They prove who a user is to the app, so the gateway treats
/// them as credentials it cannot vouch for. Read on the proxied path from memory; loaded at start.
/// </summary>
public sealed partial class LoginCookieRegistry(ILoginCookieStore store, ILogger<LoginCookieRegistry> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, string[]> _byApp = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _writeLock = new();

    public IReadOnlyList<string> For(ProtectedApp app) => _byApp.TryGetValue(app.Name, out var names) ? names : [];

    /// <summary>Records the cookies a successful login response set (values that are not deletions).</summary>
    public async Task LearnAsync(ProtectedApp app, IEnumerable<string> setCookies, string sessionCookieName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var header in setCookies)
        {
            if (!SetCookieHeaderValue.TryParse(header, out var cookie)
                || cookie.Name.Length == 0
                || cookie.Value.Length == 0
                || cookie.Expires <= now
                || cookie.MaxAge <= TimeSpan.Zero)
            {
                continue;
            }

            var name = cookie.Name.ToString();
            if (IsCsrfCookie(name) || !app.Credentials.IsLoginCredential(name) || GatewayCookieNames.IsGatewayCookie(name, sessionCookieName) || !Add(app.Name, name))
            {
                continue;
            }

            LogLearned(logger, app.Name, name);
            try
            {
                await store.AddAsync(app.Name, name, now, cancellationToken);
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
            {
                // Still withheld for the life of this process; only a restart before the next login forgets it.
                LogNotStored(logger, app.Name, name, ex);
            }
        }
    }

    /// <summary>
    /// A CSRF token cookie proves nothing about who the user is, and withholding it would break every
    /// form of the app; some apps set a fresh one with the login response.
    /// </summary>
    private static bool IsCsrfCookie(string name) =>
        name.Contains("csrf", StringComparison.OrdinalIgnoreCase)
        || name.Contains("xsrf", StringComparison.OrdinalIgnoreCase)
        || name.Contains("antiforgery", StringComparison.OrdinalIgnoreCase);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (app, name) in await store.ListAsync(cancellationToken))
        {
            Add(app, name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private bool Add(string app, string name)
    {
        lock (_writeLock)
        {
            var current = _byApp.GetValueOrDefault(app) ?? [];
            if (current.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }

            _byApp[app] = [.. current, name];
            return true;
        }
    }

    [LoggerMessage(EventId = EventIds.LoginCookieLearned, Level = LogLevel.Information, Message = "App {App} set cookie {Cookie} at a successful login: it is treated as a credential and withheld from the app on every route that is not Bypass (Credentials:NotCredentials lists exceptions)")]
    private static partial void LogLearned(ILogger logger, string app, string cookie);

    [LoggerMessage(EventId = EventIds.LoginCookieNotStored, Level = LogLevel.Error, Message = "Login cookie {Cookie} of app {App} could not be stored; it is withheld until this process stops")]
    private static partial void LogNotStored(ILogger logger, string app, string cookie, Exception exception);
}
