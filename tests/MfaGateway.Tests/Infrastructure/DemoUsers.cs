namespace MfaGateway.Tests.Infrastructure;

/// <summary>The demo bank's accounts (samples/MfaGateway.DemoApp/README.md).</summary>
public static class DemoUsers
{
    public static readonly (string Name, string Password) Alice = ("alice", "alice-password-1");
    public static readonly (string Name, string Password) Bob = ("bob", "bob-password-2");
    public static readonly (string Name, string Password) Carol = ("carol", "carol-password-3");
}
