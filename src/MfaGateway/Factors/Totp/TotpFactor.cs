using MfaGateway.Storage;

namespace MfaGateway.Factors.Totp;

/// <summary>
/// RFC 6238 verification against each of the user's TOTP factors. A match is accepted only if its
/// time step is later than the last one accepted for that factor, recorded atomically in the store.
/// </summary>
public sealed class TotpFactor(TotpSecretProtector secrets, IFactorStore factors, ITotpSettingsSource totp) : ICodeFactor
{
    public string Type => FactorTypes.Totp;

    public string DisplayName => "Authenticator app";

    public string Instructions => "Enter the code shown in your authenticator app.";

    public async Task<FactorVerification> VerifyCodeAsync(FactorContext context, string? code, CancellationToken cancellationToken)
    {
        if (TotpCode.Normalize(code) is null)
        {
            return FactorVerification.Fail(FactorRejection.Invalid);
        }

        var window = totp.Current.Window;
        foreach (var factor in context.Factors)
        {
            if (!Matches(factor, code, context.Now, window, out var step))
            {
                continue;
            }

            // The store, not the step in hand, decides: it advances the last step only if this one is
            // later, in one atomic update, so of parallel submissions of one code exactly one passes.
            return await factors.TryAdvanceTimeStepAsync(factor.Id, step, context.Now, cancellationToken)
                ? FactorVerification.Success(factor.Id)
                : FactorVerification.Fail(FactorRejection.Replayed);
        }

        return FactorVerification.Fail(FactorRejection.Invalid);
    }

    private bool Matches(FactorRecord factor, string? code, DateTimeOffset now, int window, out long step)
    {
        using var key = secrets.OpenKey(factor.ProtectedSecret);
        return TotpCodeVerifier.TryMatch(key, TotpFactorSettings.FromJson(factor.Settings), code, now, window, out step);
    }
}
