namespace MfaGateway.Cli;

/// <summary>Exit codes of the command line; 2 is also what the server returns for a bad configuration.</summary>
public static class CliExitCodes
{
    public const int Success = 0;
    public const int UsageError = 1;
    public const int InvalidConfiguration = 2;
    public const int UserNotFound = 3;
    public const int Unhealthy = 4;

    public const int DeviceNotFound = 6;

    public const string Summary = "Exit codes: 0 done, 1 usage error, 2 invalid configuration, 3 user not found, 4 unhealthy (health), 6 device not found.";
}
