namespace MfaGateway.Storage.Sqlite;

/// <summary>
/// The database's schema is newer than this build knows (it was written by a later version, and this
/// one was rolled back onto it). Running on it could misread or damage data, so start-up refuses.
/// </summary>
public sealed class DatabaseFromNewerVersionException : Exception
{
    public DatabaseFromNewerVersionException(string filePath, int found, int known)
        : base($"'{filePath}' has schema version {found}, written by a newer gateway; this version knows versions up to {known}. Run the newer version, or restore a backup taken before the upgrade.")
    {
    }

    public DatabaseFromNewerVersionException()
    {
    }

    public DatabaseFromNewerVersionException(string message)
        : base(message)
    {
    }

    public DatabaseFromNewerVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
