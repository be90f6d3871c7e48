namespace MfaGateway.Factors;

/// <summary>
/// Enrolling one kind of factor: <see cref="StartAsync"/> produces what the user needs (TOTP: a secret
/// and QR code; WebAuthn: creation options) and is idempotent within one challenge, so reloading the
/// page shows the same QR code; <see cref="CompleteAsync"/> stores the factor only once the user has
/// proved it works.
/// </summary>
public interface IFactorEnrolment
{
    string Type { get; }

    /// <summary>Null when this type cannot be enrolled now (WebAuthn turned off by a reload).</summary>
    Task<EnrolmentPrompt?> StartAsync(EnrolmentContext context, CancellationToken cancellationToken);

    Task<EnrolmentOutcome> CompleteAsync(EnrolmentContext context, FactorResponse response, CancellationToken cancellationToken);
}
