using BenchmarkDotNet.Attributes;
using MfaGateway.Decisions;
using MfaGateway.Identity;
using MfaGateway.Policies;
using MfaGateway.Proxy;
using MfaGateway.Sessions;
using MfaGateway.Web;
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
    private AccessRequest _liveSession;

    [GlobalSetup]
    public void Setup()
    {
        var keys = Directory.CreateTempSubdirectory("mfa-bench-keys-");
        _protector = new GatewaySessionProtector(DataProtectionProvider.Create(keys));
        _cache = new SessionTokenCache(_protector, TimeProvider.System);
        var appSession = new string('x', 700);
        var now = DateTimeOffset.UtcNow;
        _token = _protector.Protect(GatewaySession.AfterMfa("bank", "alice", "totp", SessionBinding.For(appSession), now, TimeSpan.FromHours(12)));
        _cookieHeader = $"DemoAntiforgery={new string('a', 150)}; {AppCookie}={appSession}; {GatewayCookie}={_token}";
        ValidSessionCheck();
        var vouched = _cache.Unprotect(_token)!;
        _liveSession = new AccessRequest
        {
            Policy = new RoutePolicy("signin", PolicyLevel.Required, new HashSet<string> { "totp" }, null),
            Purpose = RequestPurpose.Read,
            Now = now,
            App = "bank",
            SessionLifetime = TimeSpan.FromHours(12),
            Identification = new Identification(IdentificationKind.Identified, "alice", vouched.Session.Binding, vouched),
        };
        if (DecideLiveSession() is not AccessDecision.Forward)
        {
            throw new InvalidOperationException("a live MFA session must be forwarded");
        }
    }

    /// <summary>What the access decision adds to a request whose live session satisfies the policy (no allocation).</summary>
    [Benchmark]
    public AccessDecision DecideLiveSession() => AccessDecider.Decide(_liveSession);

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
