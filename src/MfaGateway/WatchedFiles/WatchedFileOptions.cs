namespace MfaGateway.WatchedFiles;

/// <param name="Name">What the file is, for log messages: a config key or a block list's name.</param>
/// <param name="Debounce">Quiet time after the last change before the file is read.</param>
public sealed record WatchedFileOptions(string Name, TimeSpan Debounce);
