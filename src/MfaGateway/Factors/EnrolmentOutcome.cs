using MfaGateway.Storage;

namespace MfaGateway.Factors;

public enum EnrolmentFailure
{
    None,

    /// <summary>The proof (a code) did not match the new factor.</summary>
    InvalidProof,

    /// <summary>Enrolment was not started, or its pending state expired.</summary>
    NotStarted,

    /// <summary>The user already has a factor: adding another needs an MFA first.</summary>
    AlreadyEnrolled,
}

/// <param name="Rejection">With <see cref="EnrolmentFailure.InvalidProof"/>: which check the proof failed, for factors that say (WebAuthn).</param>
public sealed record EnrolmentOutcome(FactorRecord? Factor, EnrolmentFailure Failure, FactorRejection Rejection = FactorRejection.None)
{
    public bool Succeeded => Factor is not null;
}
