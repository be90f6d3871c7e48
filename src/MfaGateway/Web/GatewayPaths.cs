using MfaGateway.Policies;

namespace MfaGateway.Web;

/// <summary>URLs of the gateway's own pages and API, under the configured prefix (fixed at start-up).</summary>
public sealed class GatewayPaths(string prefix)
{
    public string Prefix { get; } = prefix;

    public string Challenge => $"{Prefix}/challenge";

    public string Enrol => $"{Prefix}/enrol";

    public string Assets => $"{Prefix}/assets";

    public string Security => $"{Prefix}/security";

    /// <summary>The page a sign-in link from the code's e-mail opens: "{Link}/{secret}".</summary>
    public string Link => $"{Prefix}/link";

    /// <summary>The page an invitation link opens: "{Invitation}/{token}".</summary>
    public string Invitation => $"{Prefix}/invitation";

    public string ApiSecurity => $"{Prefix}/api/security";

    /// <summary>The page that runs a fresh challenge and then returns to <paramref name="returnUrl"/>.</summary>
    public string VerifyThenReturnTo(string returnUrl, string? app = null) =>
        $"{Prefix}/verify?returnUrl={Uri.EscapeDataString(returnUrl).Replace("%2F", "/", StringComparison.Ordinal)}{(app is null ? string.Empty : "&app=" + Uri.EscapeDataString(app))}";

    public string ApiVerify => $"{Prefix}/api/verify";

    public string ApiEnrolTotp => $"{Prefix}/api/enrol/totp";

    public string ApiSkip => $"{Prefix}/api/skip";

    /// <summary>The challenge API's OpenAPI document.</summary>
    public string ApiOpenApiDocument => $"{Prefix}/api/openapi.json";

    /// <summary>Options for a passkey or security key: creation options while enrolling, request options otherwise.</summary>
    public string ApiWebAuthnOptions => $"{Prefix}/api/webauthn/options";

    /// <summary>Send (or send again) the code of an e-mail or SMS factor, or a confirmation code while enrolling one.</summary>
    public string ApiSendCode => $"{Prefix}/api/send-code";

    /// <summary>The step-up API for app backends (a key from Gateway:StepUpApi).</summary>
    public string ApiStepUpStart => $"{Prefix}/api/step-up/start";

    public string ApiStepUpComplete => $"{Prefix}/api/step-up/complete";

    /// <summary>Liveness for container health checks and load balancers.</summary>
    public string Health => $"{Prefix}/health";

    /// <summary>
    /// Whether the gateway's own pages could be what a request asks for, read the way routing may read
    /// it ("//.mfa/challenge/" too): such answers must carry the pages' security headers.
    /// </summary>
    public bool Owns(in CanonicalPath path) => path.IsUnder(Prefix);
}
