namespace MfaGateway.Apps;

/// <summary>Whether an app treats "Alice" and "alice" as one user (almost all do) or as two.</summary>
public enum UserNameCase
{
    Insensitive,
    Sensitive,
}
