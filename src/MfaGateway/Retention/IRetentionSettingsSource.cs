namespace MfaGateway.Retention;

/// <summary>
/// The retention settings in force. Read at every pass, never kept: a reload that compiles applies at
/// the next pass, and a rejected one leaves the last good settings here.
/// </summary>
public interface IRetentionSettingsSource
{
    RetentionSettings Current { get; }
}
