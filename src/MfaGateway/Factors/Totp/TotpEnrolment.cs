using System.Security.Cryptography;
using MfaGateway.Configuration;
using MfaGateway.Protocols.Otp;
using MfaGateway.Storage;

namespace MfaGateway.Factors.Totp;

/// <summary>
/// Enrols an authenticator app. The new secret waits, encrypted, in the ephemeral store under the
/// challenge until the user proves the app produces valid codes; only then is the factor stored.
/// </summary>
public sealed class TotpEnrolment(
    TotpSecretProtector secrets,
    IFactorStore factors,
    IEphemeralStore pending,
    GatewayConfigMonitor config) : IFactorEnrolment
{
    public string Type => FactorTypes.Totp;

    public async Task<EnrolmentPrompt> StartAsync(EnrolmentContext context, CancellationToken cancellationToken)
    {
        var settings = await PendingSettingsAsync(context, cancellationToken);
        var secret = await PendingSecretAsync(context, cancellationToken);
        if (secret is null || settings is null)
        {
            settings = TotpFactorSettings.From(config.Current.Totp.Parameters);
            secret = OtpSecret.Generate(settings.ToParameters().RecommendedSecretBytes);
            var timeToLive = context.Challenge.ExpiresAt - context.Now;
            await pending.SetAsync(SecretKey(context), secrets.Protect(secret), timeToLive, OwnerOf(context), cancellationToken);
            await pending.SetAsync(SettingsKey(context), System.Text.Encoding.UTF8.GetBytes(settings.ToJson()), timeToLive, OwnerOf(context), cancellationToken);
        }

        try
        {
            var issuer = config.Current.Issuer;
            var uri = OtpAuthUri.ForTotp(issuer, context.User.UserName, secret, settings.ToParameters());
            return new TotpEnrolmentPrompt(issuer, context.User.UserName, Base32.Encode(secret), uri, QrCodeImage.PngDataUri(uri), settings);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    public async Task<EnrolmentOutcome> CompleteAsync(EnrolmentContext context, FactorResponse response, CancellationToken cancellationToken)
    {
        var settings = await PendingSettingsAsync(context, cancellationToken);
        var secret = await PendingSecretAsync(context, cancellationToken);
        if (secret is null || settings is null)
        {
            return new EnrolmentOutcome(null, EnrolmentFailure.NotStarted);
        }

        try
        {
            var code = TotpCode.Normalize(response.Code);
            using var key = new InMemoryOtpKey(secret);
            var totp = new Protocols.Otp.Totp(key, settings.ToParameters());
            if (code is null || !totp.TryVerify(code, context.Now, config.Current.Totp.Window, lastAcceptedStep: null, out var step))
            {
                return new EnrolmentOutcome(null, EnrolmentFailure.InvalidProof);
            }

            // The proving code's step is recorded as used, so it cannot also pass the next challenge.
            var factor = new FactorRecord(
                Id: Guid.CreateVersion7(context.Now).ToString("N"),
                UserId: context.User.Id,
                Type: Type,
                Name: "Authenticator app",
                ProtectedSecret: secrets.Protect(secret),
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
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private async Task<byte[]?> PendingSecretAsync(EnrolmentContext context, CancellationToken cancellationToken)
    {
        var stored = await pending.GetAsync(SecretKey(context), cancellationToken);
        if (stored is null)
        {
            return null;
        }

        try
        {
            return secrets.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private async Task<TotpFactorSettings?> PendingSettingsAsync(EnrolmentContext context, CancellationToken cancellationToken)
    {
        var stored = await pending.GetAsync(SettingsKey(context), cancellationToken);
        return stored is null ? null : TotpFactorSettings.FromJson(System.Text.Encoding.UTF8.GetString(stored));
    }

    /// <summary>A secret and its settings per enrolling challenge, as many as the user may have challenges.</summary>
    private static EphemeralOwner OwnerOf(EnrolmentContext context) =>
        new($"enrolment:{context.Challenge.Realm}:{context.Challenge.User}", 2 * Challenges.ChallengeStore.MaxPendingPerUser);

    private static string SecretKey(EnrolmentContext context) => $"enrolment:totp:{context.Challenge.Id}:secret";

    private static string SettingsKey(EnrolmentContext context) => $"enrolment:totp:{context.Challenge.Id}:settings";
}
