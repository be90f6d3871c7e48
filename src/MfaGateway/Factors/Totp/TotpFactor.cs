using System.Security.Cryptography;
using MfaGateway.Configuration;
using MfaGateway.Protocols.Otp;
using MfaGateway.Storage;

namespace MfaGateway.Factors.Totp;

/// <summary>
/// RFC 6238 verification against each of the user's TOTP factors. A match is accepted only if its
/// time step is later than the last one accepted for that factor, recorded atomically in the store.
/// </summary>
public sealed class TotpFactor(TotpSecretProtector secrets, IFactorStore factors, GatewayConfigMonitor config) : IMfaFactor
{
    public string Type => FactorTypes.Totp;

    public string DisplayName => "Authenticator app";

    public Task<FactorPrompt> BeginAsync(FactorContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new FactorPrompt(Type, "Enter the code shown in your authenticator app."));

    public async Task<FactorVerification> VerifyAsync(FactorContext context, FactorResponse response, CancellationToken cancellationToken)
    {
        var code = TotpCode.Normalize(response.Code);
        if (code is null)
        {
            return FactorVerification.Fail(FactorRejection.Invalid);
        }

        var window = config.Current.Totp.Window;
        foreach (var factor in context.Factors)
        {
            if (!Matches(factor, code, context.Now, window, out var step))
            {
                continue;
            }

            return await factors.TryAdvanceTimeStepAsync(factor.Id, step, context.Now, cancellationToken)
                ? FactorVerification.Success(factor.Id)
                : FactorVerification.Fail(FactorRejection.Replayed);
        }

        return FactorVerification.Fail(FactorRejection.Invalid);
    }

    private bool Matches(FactorRecord factor, string code, DateTimeOffset now, int window, out long step)
    {
        var secret = secrets.Unprotect(factor.ProtectedSecret);
        try
        {
            using var key = new InMemoryOtpKey(secret);
            var totp = new Protocols.Otp.Totp(key, TotpFactorSettings.FromJson(factor.Settings).ToParameters());

            // The stored last step is not passed here: a replayed code must be recognised as a match
            // and refused as a replay by the store, which is the only place that decides atomically.
            return totp.TryVerify(code, now, window, lastAcceptedStep: null, out step);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
