namespace MfaGateway.Factors;

public enum FactorRejection
{
    None,

    /// <summary>Not a valid answer for any of the user's factors of this type.</summary>
    Invalid,

    /// <summary>Valid but already used (a TOTP time step at or before the last accepted one).</summary>
    Replayed,
}

public sealed record FactorVerification(bool Verified, string? FactorId, FactorRejection Rejection)
{
    public static FactorVerification Success(string factorId) => new(true, factorId, FactorRejection.None);

    public static FactorVerification Fail(FactorRejection rejection) => new(false, null, rejection);
}
