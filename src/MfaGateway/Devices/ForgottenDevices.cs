namespace MfaGateway.Devices;

/// <summary>What forgetting changed.</summary>
/// <param name="Devices">Entries of the user's device list that are gone.</param>
/// <param name="Remembered">Remembered devices revoked: they no longer sign in without a code.</param>
/// <param name="Recognised">Known devices forgotten: a RiskBased policy treats those browsers as new again.</param>
public sealed record ForgottenDevices(int Devices, int Remembered, int Recognised);
