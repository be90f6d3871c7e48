namespace MfaGateway.Risk;

/// <summary>The signals a RiskBased policy can act on. Flags, so a session can carry which ones it was cleared of.</summary>
[Flags]
public enum RiskTriggers
{
    None = 0,

    /// <summary>The browser's device-id cookie is missing, invalid, or names a device this user never passed MFA on.</summary>
    NewDevice = 1,

    /// <summary>The address locates to a country (or, if configured, a city or network) this user never signed in from.</summary>
    NewLocation = 2,

    /// <summary>Getting here from the place of the last MFA in the time since would need an implausible speed.</summary>
    ImpossibleTravel = 4,

    /// <summary>The address is on a block list, in a hosting network, or flagged by the reputation provider.</summary>
    SuspiciousIp = 8,

    /// <summary>The password changed recently and no MFA has been passed since.</summary>
    AfterPasswordChange = 16,
}
