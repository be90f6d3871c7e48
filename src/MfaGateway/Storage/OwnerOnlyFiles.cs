using MfaGateway.Observability;

namespace MfaGateway.Storage;

/// <summary>
/// The data directory holds TOTP secrets (encrypted with the key ring beside them), the key ring itself
/// and the audit log: on Unix only the gateway's own account may read any of it. Files are created
/// 0600 and folders 0700; files left more open by an older version or a careless copy are tightened.
/// Windows has no such modes (its ACLs are inherited from the folder), so there this does nothing.
/// </summary>
public static partial class OwnerOnlyFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder 0700 if it is missing; an existing folder is left as the operator made it.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
    }

    /// <summary>
    /// Creates an empty file 0600 if it is missing, so that whatever opens it next (SQLite) starts from
    /// owner-only; SQLite gives its -wal and -shm files the database file's mode.
    /// </summary>
    public static void CreateFile(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            return;
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = FileMode,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (the CLI beside a running gateway) created it first; Tighten covers it.
        }
    }

    /// <summary>Removes every group and other permission from an existing file or folder, logging when it had any.</summary>
    public static void Tighten(string path, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var isDirectory = Directory.Exists(path);
        if (!isDirectory && !File.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        var tightened = mode & (isDirectory ? DirectoryMode : FileMode);
        if (tightened != mode)
        {
            File.SetUnixFileMode(path, tightened);
            LogTightened(logger, path, ToOctal(mode), ToOctal(tightened));
        }
    }

    private static string ToOctal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    [LoggerMessage(EventId = EventIds.FilePermissionsTightened, Level = LogLevel.Warning, Message = "{Path} was readable by others (mode {OldMode}); it is now owner only ({NewMode})")]
    private static partial void LogTightened(ILogger logger, string path, string oldMode, string newMode);
}
