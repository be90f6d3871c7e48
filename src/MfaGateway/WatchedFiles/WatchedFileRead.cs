namespace MfaGateway.WatchedFiles;

/// <summary>What a watched file's reader made of the file: a value to put in force, or why not.</summary>
public sealed class WatchedFileRead<T>
    where T : class
{
    private WatchedFileRead(T? value, IReadOnlyList<string> problems, bool isMissing)
    {
        Value = value;
        Problems = problems;
        IsMissing = isMissing;
    }

    /// <summary>The accepted value; null when refused or missing.</summary>
    public T? Value { get; }

    public IReadOnlyList<string> Problems { get; }

    public bool IsMissing { get; }

    public static WatchedFileRead<T> Accepted(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new WatchedFileRead<T>(value, [], false);
    }

    public static WatchedFileRead<T> Refused(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return new WatchedFileRead<T>(null, problems.Count == 0 ? ["refused"] : problems, false);
    }

    public static WatchedFileRead<T> Refused(string problem) => Refused([problem]);

    /// <summary>The file is not there; readers return this when it vanished between the check and the read.</summary>
    public static WatchedFileRead<T> Missing(string fullPath) => new(null, [$"file '{fullPath}' not found"], true);
}
