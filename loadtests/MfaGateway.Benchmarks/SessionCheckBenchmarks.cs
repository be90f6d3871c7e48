using BenchmarkDotNet.Attributes;
using MfaGateway.Proxy;
using MfaGateway.Sessions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Primitives;

namespace MfaGateway.Benchmarks;

/// <summary>
/// What a proxied request with a valid gateway session costs the gateway, piece by piece, with the
/// demo bank's real cookie sizes (a 700-character app session cookie).
/// </summary>
[MemoryDiagnoser]
public class SessionCheckBenchmarks
{
    private const string AppCookie = "DemoSession";
    private const string GatewayCookie = "mfa-session-bank";

    private GatewaySessionProtector _protector = null!;
    private SessionTokenCache _cache = null!;
    private string _token = null!;
    private StringValues _cookieHeader;

    [GlobalSetup]
    public void Setup()
    {
        var keys = Directory.CreateTempSubdirectory("mfa-bench-keys-");
        _protector = new GatewaySessionProtector(DataProtectionProvider.Create(keys));
        _cache = new SessionTokenCache(_protector, TimeProvider.System);
        var appSession = new string('x', 700);
        var now = DateTimeOffset.UtcNow;
        _token = _protector.Protect(new GatewaySession("bank", "alice", ["totp"], now, now, now.AddHours(12), SessionBinding.For(appSession)));
        _cookieHeader = $"DemoAntiforgery={new string('a', 150)}; {AppCookie}={appSession}; {GatewayCookie}={_token}";
        ValidSessionCheck();
    }

    /// <summary>The whole per-request check: both cookies read from the raw header, cached token, binding verified.</summary>
    [Benchmark(Baseline = true)]
    public bool ValidSessionCheck()
    {
        CookieHeader.Find(_cookieHeader, AppCookie, out var appSession);
        CookieHeader.Find(_cookieHeader, GatewayCookie, out var token);
        var vouched = _cache.Unprotect(token);
        return vouched is not null && vouched.IsBoundTo(appSession);
    }

    /// <summary>What the cache saves: decrypting the token with Data Protection on every request.</summary>
    [Benchmark]
    public GatewaySession? DecryptTokenWithoutCache() => _protector.Unprotect(_token);

    /// <summary>Hashing the app session cookie, done once per app session value instead of per request.</summary>
    [Benchmark]
    public string HashAppSession() => SessionBinding.For(_cookieHeader.ToString().AsSpan(170, 700));

    /// <summary>
    /// The Cookie header the app receives: gateway cookies removed, repeated and unvouched credentials
    /// looked for (on every route, Bypass included).
    /// </summary>
    [Benchmark]
    public string? FilterUpstreamCookies() => UpstreamCookies.Filter(_cookieHeader, "mfa-session", Credentials, [], CredentialForwarding.SessionOnly);

    private static readonly MfaGateway.Apps.AppCredentials Credentials = new(AppCookie, ["DemoRemember"], [], ["Authorization"], [], true, new HashSet<string>());
}
