using System.Security.Cryptography;
using MfaGateway.Storage;
using OtpNet;

namespace MfaGateway.Factors.Totp;

/// <summary>
/// Enrols an authenticator app. The new secret waits, encrypted, in the ephemeral store under the
/// challenge until the user proves the app produces valid codes; only then is the factor stored.
/// </summary>
public sealed class TotpEnrolment(
    TotpSecretProtector secrets,
    IFactorStore factors,
    IEphemeralStore pending,
    ITotpSettingsSource totp) : IFactorEnrolment
{
    public string Type => FactorTypes.Totp;

    public async Task<EnrolmentPrompt?> StartAsync(EnrolmentContext context, CancellationToken cancellationToken)
    {
        var settings = await PendingSettingsAsync(context, cancellationToken);
        var secret = await PendingSecretAsync(context, cancellationToken) is { } stored ? Unprotect(stored) : null;
        if (secret is null || settings is null)
        {
            settings = totp.Current.Parameters;

            // As long as the HMAC's output (20, 32 or 64 bytes), as RFC 4226 and RFC 2104 advise.
            secret = KeyGeneration.GenerateRandomKey(settings.Algorithm);
            var timeToLive = context.Challenge.ExpiresAt - context.Now;
            await pending.SetAsync(SecretKey(context), secrets.Protect(secret), timeToLive, OwnerOf(context), cancellationToken);
            await pending.SetAsync(SettingsKey(context), System.Text.Encoding.UTF8.GetBytes(settings.ToJson()), timeToLive, OwnerOf(context), cancellationToken);
        }

        try
        {
            return TotpEnrolmentPrompt.For(totp.Issuer, context.User.UserName, secret, settings);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    public async Task<EnrolmentOutcome> CompleteAsync(EnrolmentContext context, FactorResponse response, CancellationToken cancellationToken)
    {
        var settings = await PendingSettingsAsync(context, cancellationToken);
        var protectedSecret = await PendingSecretAsync(context, cancellationToken);
        if (protectedSecret is null || settings is null || OpenKey(protectedSecret) is not { } key)
        {
            return new EnrolmentOutcome(null, EnrolmentFailure.NotStarted);
        }

        long step;
        using (key)
        {
            if (!TotpCodeVerifier.TryMatch(key, settings, response.Code, context.Now, totp.Current.Window, out step))
            {
                return new EnrolmentOutcome(null, EnrolmentFailure.InvalidProof);
            }
        }

        // The proving code's step is recorded as used, so it cannot also pass the next challenge.
        var factor = new FactorRecord(
            Id: Guid.CreateVersion7(context.Now).ToString("N"),
            UserId: context.User.Id,
            Type: Type,
            Name: "Authenticator app",
            ProtectedSecret: protectedSecret,
            Settings: settings.ToJson(),
            LastTimeStep: step,
            CreatedAt: context.Now,
            LastUsedAt: context.Now);
        if (!await factors.AddFirstAsync(factor, cancellationToken))
        {
            return new EnrolmentOutcome(null, EnrolmentFailure.AlreadyEnrolled);
        }

        await pending.DeleteAsync(SecretKey(context), cancellationToken);
        await pending.DeleteAsync(SettingsKey(context), cancellationToken);
        return new EnrolmentOutcome(factor, EnrolmentFailure.None);
    }

    /// <summary>Null when the pending secret is not this gateway's (its keys were replaced meanwhile).</summary>
    private TotpKey? OpenKey(byte[] protectedSecret)
    {
        try
        {
            return secrets.OpenKey(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private byte[]? Unprotect(byte[] protectedSecret)
    {
        try
        {
            return secrets.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The pending secret as stored: still encrypted.</summary>
    private ValueTask<byte[]?> PendingSecretAsync(EnrolmentContext context, CancellationToken cancellationToken) =>
        pending.GetAsync(SecretKey(context), cancellationToken);

    private async Task<TotpFactorSettings?> PendingSettingsAsync(EnrolmentContext context, CancellationToken cancellationToken)
    {
        var stored = await pending.GetAsync(SettingsKey(context), cancellationToken);
        return stored is null ? null : TotpFactorSettings.FromJson(System.Text.Encoding.UTF8.GetString(stored));
    }

    /// <summary>A secret and its settings per enrolling challenge, as many as the user may have challenges.</summary>
    private static EphemeralOwner OwnerOf(EnrolmentContext context) =>
        new($"enrolment:{context.Challenge.Realm}:{context.Challenge.User}", 2 * context.Challenge.PendingPerUser);

    private static string SecretKey(EnrolmentContext context) => $"enrolment:totp:{context.Challenge.Id}:secret";

    private static string SettingsKey(EnrolmentContext context) => $"enrolment:totp:{context.Challenge.Id}:settings";
}
