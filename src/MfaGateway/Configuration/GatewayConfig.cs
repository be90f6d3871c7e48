using System.Collections.Frozen;
using System.Net;
using MfaGateway.Apps;
using MfaGateway.Factors.Totp;
using MfaGateway.Factors.WebAuthn;
using MfaGateway.Networking;
using MfaGateway.Policies;

namespace MfaGateway.Configuration;

/// <summary>
/// One validated, immutable configuration snapshot. Requests read <see cref="GatewayConfigMonitor.Current"/>
/// once and use that snapshot throughout, so a reload never mixes two configurations in one request.
/// </summary>
public sealed class GatewayConfig
{
    public required string Issuer { get; init; }

    public required NetworkList TrustedProxies { get; init; }

    public required FrozenDictionary<string, RoutePolicy> Policies { get; init; }

    public required RoutePolicy DefaultPolicy { get; init; }

    public required IReadOnlyList<PolicyRule> Rules { get; init; }

    /// <summary>Policies named in YARP route metadata ("MfaPolicy"), by route id.</summary>
    public required FrozenDictionary<string, RoutePolicy> RoutePolicies { get; init; }

    public required FrozenDictionary<string, ProtectedApp> Apps { get; init; }

    public required FrozenDictionary<string, ProtectedApp> AppsByRoute { get; init; }

    /// <summary>The app that covers routes no other app claims, if one is configured that way.</summary>
    public ProtectedApp? DefaultApp { get; init; }

    public required SessionSettings Session { get; init; }

    public required TotpSettings Totp { get; init; }

    /// <summary>Null when no relying party is configured: the WebAuthn factor is off.</summary>
    public WebAuthnSettings? WebAuthn { get; init; }

    public required ChallengeSettings Challenge { get; init; }

    public required Factors.SentCodes.SentCodeSettings SentCodes { get; init; }

    /// <summary>The SMTP server and templates; null when e-mail is off.</summary>
    public Delivery.Email.EmailSettings? Email { get; init; }

    /// <summary>The SMS provider and its limits; null when SMS is off.</summary>
    public Delivery.Sms.SmsSettings? Sms { get; init; }

    public required Notifications.NotificationSettings Notifications { get; init; }

    public required UpstreamHeaderOptions UpstreamHeaders { get; init; }

    /// <summary>Headers only the gateway may set (user, factors, time, session token): a client's copies never reach an app.</summary>
    public required IReadOnlyList<string> IdentityHeaders { get; init; }

    public required RegulationSettings Regulation { get; init; }

    public required SelfServiceSettings SelfService { get; init; }

    public required Retention.RetentionSettings Retention { get; init; }

    public required AdminSettings Admin { get; init; }

    /// <summary>The app backends' keys for the step-up API; none: the API answers 404.</summary>
    public required StepUpApiSettings StepUpApi { get; init; }

    public required Risk.RiskSettings Risk { get; init; }

    /// <summary>The realm's app to use when a realm, not a route, is known (admin API, self-service).</summary>
    public ProtectedApp? AppForRealm(string realm) =>
        Apps.Values.FirstOrDefault(app => string.Equals(app.Realm, realm, StringComparison.OrdinalIgnoreCase));

    public ProtectedApp? AppForRoute(string? routeId) =>
        routeId is not null && AppsByRoute.TryGetValue(routeId, out var app) ? app : DefaultApp;

    /// <summary>
    /// First matching rule, then the route's metadata, then the default policy. A path the app may
    /// read in two ways gets the stricter of the two readings' policies: a Bypass rule must never
    /// match one reading of a path another reading of which a stricter rule covers.
    /// </summary>
    public RoutePolicy PolicyFor(HttpRequest request, string? routeId, IPAddress? client)
    {
        var path = CanonicalPath.Of(request);
        var policy = PolicyForReading(request, path.Value, routeId, client);
        return path.Decoded is { } decoded
            ? PolicyStrictness.Stricter(policy, PolicyForReading(request, decoded, routeId, client))
            : policy;
    }

    /// <remarks>Indexed rather than enumerated: run on every proxied request, where an enumerator would be an allocation.</remarks>
    private RoutePolicy PolicyForReading(HttpRequest request, string path, string? routeId, IPAddress? client)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            if (Rules[i].Matches(request, path, routeId, client))
            {
                return Rules[i].Policy;
            }
        }

        return routeId is not null && RoutePolicies.TryGetValue(routeId, out var routePolicy) ? routePolicy : DefaultPolicy;
    }
}
