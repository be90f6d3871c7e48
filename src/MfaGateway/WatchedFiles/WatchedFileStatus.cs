namespace MfaGateway.WatchedFiles;

/// <summary>What one attempt to read a watched file did to the value in force.</summary>
public enum WatchedFileStatus
{
    /// <summary>The file was read and accepted; its value is now in force.</summary>
    Loaded,

    /// <summary>The file was there but refused (half-written, malformed, invalid); the last good value stays.</summary>
    KeptLastGood,

    /// <summary>The file is not there (deleted, or between a delete and a restore); the last good value stays.</summary>
    Missing,
}
