using MfaGateway.Apps;
using MfaGateway.Identity;
using MfaGateway.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace MfaGateway.Tests.Credentials;

public sealed class LoginCookieRegistryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_login_response_teaches_its_credentials_but_not_csrf_tokens_deletions_gateway_cookies_or_listed_exceptions()
    {
        var store = new ListStore();
        var registry = new LoginCookieRegistry(store, NullLogger<LoginCookieRegistry>.Instance);
        var app = Bank(new AppCredentials("DemoSession", [], [], [], [], true, new HashSet<string>(["lang"], StringComparer.OrdinalIgnoreCase)));

        await registry.LearnAsync(
            app,
            [
                "DemoSession=s; path=/",
                "DemoRemember=r; max-age=2592000; path=/",
                "XSRF-TOKEN=t; path=/",
                ".AspNetCore.Antiforgery.abc=t; path=/",
                "old=; expires=Thu, 01 Jan 1970 00:00:00 GMT",
                "lang=en; path=/",
                "mfa-device-bank=x; path=/",
            ],
            "mfa-session",
            Now,
            CancellationToken.None);

        Assert.Equal(["DemoRemember"], registry.For(app));
        Assert.Equal([("bank", "DemoRemember")], store.Names);
    }

    [Fact]
    public async Task What_the_store_holds_is_known_from_the_start()
    {
        var store = new ListStore();
        await store.AddAsync("bank", "remember_web", Now, CancellationToken.None);
        var registry = new LoginCookieRegistry(store, NullLogger<LoginCookieRegistry>.Instance);

        await registry.StartAsync(CancellationToken.None);

        Assert.Equal(["remember_web"], registry.For(Bank(AppCredentials.None)));
    }

    private static ProtectedApp Bank(AppCredentials credentials) => new()
    {
        Name = "bank",
        Realm = "bank",
        Source = IdentitySourceKind.FormLogin,
        ApiPaths = [],
        SessionCookie = "mfa-session-bank",
        SecureSessionCookie = "__Host-mfa-session-bank",
        Credentials = credentials,
    };

    private sealed class ListStore : ILoginCookieStore
    {
        public List<(string App, string Name)> Names { get; } = [];

        public Task<IReadOnlyList<(string App, string Name)>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<(string, string)>>(Names);

        public Task AddAsync(string app, string name, DateTimeOffset at, CancellationToken cancellationToken)
        {
            Names.Add((app, name));
            return Task.CompletedTask;
        }
    }
}
