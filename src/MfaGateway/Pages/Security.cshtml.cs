using System.Globalization;
using MfaGateway.Configuration;
using MfaGateway.SelfService;
using MfaGateway.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MfaGateway.Pages;

/// <summary>
/// "/.mfa/security": the signed-in user's own two-step verification settings. Viewing needs the
/// gateway session; most changes need an MFA at most Gateway:SelfService:MaxAge old, else the user
/// is sent to verify and comes back. The changes that could give someone else a way past MFA (new
/// recovery codes, another factor, removing the last one, turning MFA off) need a proof now instead:
/// posted without one, they show a "Confirm it's you" step that posts the same form with a code or a
/// passkey's answer. Successful changes redirect back here (so reloading the page repeats nothing)
/// with a fixed notice named in "done".
/// </summary>
public sealed class SecurityModel(
    GatewayConfigMonitor configMonitor,
    SecurityCallerResolver callers,
    SecurityOverviewReader overviews,
    FactorChanges factorChanges,
    FactorRemoval factorRemoval,
    SignOutEverywhere signOutEverywhere,
    AuthenticatorSetup authenticators,
    PasskeySetup passkeys,
    RecoveryCodeRenewal recoveryCodes,
    DeviceChanges devices,
    MfaTurnOff turnOff,
    ChangeProofCheck proofs,
    PasskeyProof passkeyProofs,
    SecurityLinks links) : PageModel
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["renamed"] = "The name was changed.",
        ["primary"] = "That method is now offered first when you sign in.",
        ["removed"] = "The verification method was removed. It no longer signs you in.",
        ["added"] = "The authenticator app was added. Codes from it work from now on.",
        ["passkey-added"] = "The passkey or security key was added. You can use it from now on when you sign in.",
        ["device-forgotten"] = "The device was forgotten: it will be asked for a code at its next sign-in.",
        ["devices-forgotten"] = "All your devices were forgotten: each will be asked for a code at its next sign-in.",
    };

    public string Issuer => configMonitor.Current.Issuer;

    /// <summary>The app whose session this page acts on; sent back with every form.</summary>
    [BindProperty(SupportsGet = true, Name = "app")]
    public string? AppName { get; set; }

    /// <summary>Shown instead of the page: not signed in, an unknown handler, MFA turned off.</summary>
    public PageMessage? Message { get; private set; }

    public SecurityOverview? Overview { get; private set; }

    /// <summary>The add-an-authenticator step: QR code, key and code field.</summary>
    public AuthenticatorSetupPrompt? Setup { get; private set; }

    /// <summary>The add-a-passkey step: the creation options for the browser.</summary>
    public PasskeySetupPrompt? PasskeySetup { get; private set; }

    /// <summary>The "Confirm it's you" step of a sensitive change.</summary>
    public ProofStep? Confirm { get; private set; }

    /// <summary>New recovery codes, shown once.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    /// <summary>The name typed with a wrong code, shown again with the same QR code.</summary>
    public string? EnteredName { get; private set; }

    public string? Notice { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>Which form the problem belongs to ("rename:{id}", "add", "turn-off"), so it is shown next to it.</summary>
    public string? ProblemAt { get; private set; }

    public string PageUrl => links.PageFor(AppName ?? string.Empty);

    public Task<IActionResult> OnGetAsync(string? done) => WithCallerAsync(async caller =>
    {
        Notice = done is not null && Notices.TryGetValue(done, out var notice) ? notice : null;
        return await ShowOverviewAsync(caller, StatusCodes.Status200OK);
    });

    public Task<IActionResult> OnPostRenameAsync(string? factorId, string? name) => WithCallerAsync(async caller =>
        await AfterChangeAsync(caller, await factorChanges.RenameAsync(HttpContext, caller, factorId, name), "renamed", $"rename:{factorId}"));

    public Task<IActionResult> OnPostPrimaryAsync(string? factorId) => WithCallerAsync(async caller =>
        await AfterChangeAsync(caller, await factorChanges.MakePrimaryAsync(HttpContext, caller, factorId), "primary", "factors"));

    /// <param name="code">With <paramref name="proofId"/> and <paramref name="credential"/>, the proof removing the last factor needs (it turns MFA off).</param>
    public Task<IActionResult> OnPostRemoveAsync(string? factorId, string? code, string? proofId, string? credential) => WithCallerAsync(async caller =>
    {
        var proof = new ChangeProof(code, proofId, credential);
        var outcome = await factorRemoval.RemoveAsync(HttpContext, caller, factorId, proof);
        return await AfterProofAsync(caller, outcome, proof, SensitiveChange.RemoveLastFactor, "Remove", factorId)
            ?? await AfterChangeAsync(caller, outcome, "removed", $"remove:{factorId}");
    });

    public Task<IActionResult> OnPostSignOutEverywhereAsync() => WithCallerAsync(async caller =>
        await AfterChangeAsync(caller, await signOutEverywhere.EndAsync(HttpContext, caller), string.Empty, "sessions", SignedOutEverywhere));

    public Task<IActionResult> OnPostAddAsync(string? code, string? proofId, string? credential) => WithCallerAsync(async caller =>
    {
        var proof = new ChangeProof(code, proofId, credential);
        var (outcome, setup) = await authenticators.StartAsync(HttpContext, caller, proof);
        if (!outcome.Succeeded)
        {
            return await AfterProofAsync(caller, outcome, proof, SensitiveChange.AddFactor, "Add", null)
                ?? await AfterChangeAsync(caller, outcome, "added", "add");
        }

        Setup = setup;
        return Page();
    });

    public Task<IActionResult> OnPostConfirmAsync(string? setupId, string? code, string? name) => WithCallerAsync(async caller =>
    {
        var added = await authenticators.ConfirmAsync(HttpContext, caller, setupId, code, name);
        if (added.Outcome.Status is ChangeStatus.WrongCode or ChangeStatus.InvalidInput
            && await authenticators.ShowAsync(HttpContext, caller, setupId) is { } setup)
        {
            // The same QR code and key again, with the error next to the code field.
            Setup = setup;
            EnteredName = name;
            Problem = added.Outcome.Problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (added.Outcome.Succeeded && added.RecoveryCodes is { Count: > 0 } codes)
        {
            Notice = "Two-step verification is on. From now on you'll enter a code from your app when you sign in.";
            NewRecoveryCodes = codes;
            return Page();
        }

        return await AfterChangeAsync(caller, added.Outcome, "added", "add");
    });

    public Task<IActionResult> OnPostAddPasskeyAsync(string? code, string? proofId, string? credential) => WithCallerAsync(async caller =>
    {
        var proof = new ChangeProof(code, proofId, credential);
        var (outcome, setup) = await passkeys.StartAsync(HttpContext, caller, proof);
        if (!outcome.Succeeded)
        {
            return await AfterProofAsync(caller, outcome, proof, SensitiveChange.AddFactor, "AddPasskey", null)
                ?? await AfterChangeAsync(caller, outcome, "passkey-added", "add-passkey");
        }

        PasskeySetup = setup;
        return Page();
    });

    /// <param name="credential">What the page's script put into the form: the browser's new credential as JSON.</param>
    public Task<IActionResult> OnPostConfirmPasskeyAsync(string? setupId, string? credential, string? name) => WithCallerAsync(async caller =>
    {
        var added = await passkeys.ConfirmAsync(HttpContext, caller, setupId, credential, name);
        if (added.Outcome.Succeeded && added.RecoveryCodes is { Count: > 0 } codes)
        {
            Notice = "Two-step verification is on. From now on you'll use your passkey or security key when you sign in.";
            NewRecoveryCodes = codes;
            return Page();
        }

        return await AfterChangeAsync(caller, added.Outcome, "passkey-added", "add-passkey");
    });

    public Task<IActionResult> OnPostRecoveryCodesAsync(string? code, string? proofId, string? credential) => WithCallerAsync(async caller =>
    {
        var proof = new ChangeProof(code, proofId, credential);
        var (outcome, codes) = await recoveryCodes.RenewAsync(HttpContext, caller, proof);
        if (!outcome.Succeeded)
        {
            return await AfterProofAsync(caller, outcome, proof, SensitiveChange.RenewRecoveryCodes, "RecoveryCodes", null)
                ?? await AfterChangeAsync(caller, outcome, string.Empty, "recovery-codes");
        }

        Notice = "New recovery codes were created. Your old codes no longer work.";
        NewRecoveryCodes = codes;
        return Page();
    });

    public Task<IActionResult> OnPostForgetDeviceAsync(string? deviceId) => WithCallerAsync(async caller =>
        await AfterChangeAsync(caller, await devices.ForgetAsync(HttpContext, caller, deviceId), "device-forgotten", "devices"));

    public Task<IActionResult> OnPostForgetAllDevicesAsync() => WithCallerAsync(async caller =>
        await AfterChangeAsync(caller, (await devices.ForgetAllAsync(HttpContext, caller)).Outcome, "devices-forgotten", "devices"));

    public Task<IActionResult> OnPostTurnOffAsync(string? code, string? proofId, string? credential) => WithCallerAsync(async caller =>
    {
        var proof = new ChangeProof(code, proofId, credential);
        var outcome = await turnOff.TurnOffAsync(HttpContext, caller, proof);
        return await AfterProofAsync(caller, outcome, proof, SensitiveChange.TurnOff, "TurnOff", null)
            ?? await AfterChangeAsync(caller, outcome, string.Empty, "turn-off");
    });

    /// <summary>A form posted to a handler this page does not have (and any other method) gets a page, never an empty model.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.HandlerMethod is null)
        {
            context.Result = ShowMessage(StatusCodes.Status404NotFound, new PageMessage(
                "Nothing to do here",
                "This page does not offer that action. Go back to your security settings and try again.",
                "Security settings",
                links.Page));
            return;
        }

        await next();
    }

    /// <summary>The time shown to the user, in UTC (the gateway does not know their time zone).</summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"Passkey" when it may be synced (BE), "Security key" when it is bound to one authenticator.</summary>
    public static string KindInWords(WebAuthnCredential credential) =>
        WebAuthnCredentialKinds.KindOf(credential) == WebAuthnCredentialKinds.Passkey ? "Passkey" : "Security key";

    public static string SyncInWords(WebAuthnCredential credential) => WebAuthnCredentialKinds.SyncOf(credential) switch
    {
        WebAuthnCredentialKinds.Synced => "Synced",
        WebAuthnCredentialKinds.CanBeSynced => "Can be synced",
        _ => "This device only",
    };

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private async Task<IActionResult> WithCallerAsync(Func<SecurityCaller, Task<IActionResult>> action)
    {
        var resolution = await callers.ResolveAsync(HttpContext, string.IsNullOrEmpty(AppName) ? null : AppName);
        switch (resolution.Status)
        {
            case CallerStatus.Ready:
                AppName = resolution.Caller!.App.Name;
                return await action(resolution.Caller);
            case CallerStatus.VerificationNeeded:
                return SeeOther(links.VerifyFor(resolution.App!.Name));
            default:
                return ShowMessage(StatusCodes.Status401Unauthorized, new PageMessage(
                    "Sign in to the application first",
                    "Your security settings belong to your account in the application: sign in there, then come back to this page.",
                    "Go to the application",
                    "/"));
        }
    }

    /// <summary>
    /// The "Confirm it's you" step again when the proof was missing, wrong or refused: the same form,
    /// with the problem next to it (none the first time, when no proof was sent yet). Null for every
    /// other outcome, which the page handles as any change's.
    /// </summary>
    private async Task<IActionResult?> AfterProofAsync(SecurityCaller caller, ChangeOutcome outcome, ChangeProof proof, SensitiveChange change, string handler, string? factorId)
    {
        if (outcome.Status is not (ChangeStatus.ProofRequired or ChangeStatus.WrongCode or ChangeStatus.CodeReused or ChangeStatus.CredentialRefused)
            || caller.User is not { } user)
        {
            return null;
        }

        var ways = await proofs.WaysAsync(user, HttpContext.RequestAborted);
        var passkey = ways.Passkey ? (await passkeyProofs.StartAsync(HttpContext, caller)).Prompt : null;
        var factorName = factorId is null ? null : (await overviews.ReadAsync(HttpContext, caller)).Factors.FirstOrDefault(f => f.Id == factorId)?.Name;
        Confirm = ProofStep.For(change, handler, factorId, factorName, ways, passkey);
        Problem = proof.IsEmpty && outcome.Status == ChangeStatus.ProofRequired ? null : outcome.Problem;
        Response.StatusCode = Problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <param name="ended">What to tell the user when the change ended their session; MFA being off unless given.</param>
    private async Task<IActionResult> AfterChangeAsync(SecurityCaller caller, ChangeOutcome outcome, string done, string problemAt, PageMessage? ended = null)
    {
        switch (outcome.Status)
        {
            case ChangeStatus.Done when outcome.SessionEnded:
                return ShowMessage(StatusCodes.Status200OK, ended ?? TurnedOff(caller));
            case ChangeStatus.Done:
                return SeeOther(links.PageFor(caller.App.Name, done));
            case ChangeStatus.FreshMfaRequired:
                return SeeOther(links.VerifyFor(caller.App.Name));
        }

        Problem = outcome.Problem;
        ProblemAt = problemAt;
        if (outcome.RetryAfter is { } retryAfter)
        {
            Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))).ToString(CultureInfo.InvariantCulture);
        }

        return await ShowOverviewAsync(caller, outcome.Status switch
        {
            ChangeStatus.NotFound => StatusCodes.Status404NotFound,
            ChangeStatus.Conflict => StatusCodes.Status409Conflict,
            ChangeStatus.Banned => StatusCodes.Status429TooManyRequests,
            ChangeStatus.Locked or ChangeStatus.AuthenticatorNotAllowed => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        });
    }

    private static PageMessage TurnedOff(SecurityCaller caller) => caller.Policy.DemandsMfa || caller.User?.MfaRequired == true
        ? new PageMessage(
            "Two-step verification is off",
            "Your verification methods, recovery codes and remembered devices were removed, and you were signed out everywhere. This application requires two-step verification, so after you sign in again you will be asked to set up two-step verification again.",
            "Continue",
            "/")
        : new PageMessage(
            "Two-step verification is off",
            "Your verification methods, recovery codes and remembered devices were removed, and you were signed out everywhere. From now on your password alone signs you in. You can turn two-step verification on again on your security page.",
            "Continue",
            "/");

    private static PageMessage SignedOutEverywhere => new(
        "Signed out everywhere",
        "Every browser and program signed in to your account was signed out, this one included. Sign in again to continue.",
        "Sign in again",
        "/");

    private async Task<IActionResult> ShowOverviewAsync(SecurityCaller caller, int status)
    {
        Overview = await overviews.ReadAsync(HttpContext, caller);
        Response.StatusCode = status;
        return Page();
    }

    private PageResult ShowMessage(int status, PageMessage message)
    {
        Message = message;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>303, so the browser follows a POST's redirect with GET.</summary>
    private StatusCodeResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return new StatusCodeResult(StatusCodes.Status303SeeOther);
    }
}
