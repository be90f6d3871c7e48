using System.Text.Json;
using MfaGateway.Validation;
using MfaGateway.WatchedFiles;
using Microsoft.Extensions.Logging.Abstractions;

namespace MfaGateway.Configuration;

/// <summary>
/// A JSON file provider that publishes a changed file only after it parses and passes
/// <see cref="Validator"/>. The stock JSON provider empties its data when a reload fails to parse,
/// which would drop every YARP route; here a bad edit leaves the last good configuration in force.
/// The file is watched through <see cref="WatchedFile{T}"/>, like the gateway's other data files.
/// </summary>
public sealed class GuardedJsonFileConfigurationProvider : ConfigurationProvider, IDisposable
{
    /// <summary>Editors save in several writes; the file is read once it has been quiet this long.</summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(300);

    private readonly string _fullPath;
    private readonly TimeProvider _time;
    private readonly Lock _publishGate = new();
    private WatchedFile<Dictionary<string, string?>>? _file;

    /// <summary>What the last refused read found, by key; the watched file itself keeps only their text.</summary>
    private IReadOnlyList<ConfigError> _lastRefusal = [];

    public GuardedJsonFileConfigurationProvider(string fullPath)
        : this(fullPath, TimeProvider.System)
    {
    }

    /// <param name="time">Runs the settle delay (the configuration is built before the host's services exist).</param>
    public GuardedJsonFileConfigurationProvider(string fullPath, TimeProvider time)
    {
        _fullPath = fullPath;
        _time = time;
    }

    /// <summary>Checks a candidate (flattened keys) and returns its errors; set once services exist.</summary>
    public Func<IReadOnlyDictionary<string, string?>, IReadOnlyList<ConfigError>>? Validator { get; set; }

    public event Action<ConfigFileReload>? Reloaded;

    public override void Load()
    {
        // Start-up reads the file directly: a missing or malformed file stops the gateway with that error.
        Data = Read();
        if (_file is null)
        {
            _file = new WatchedFile<Dictionary<string, string?>>(
                _fullPath,
                Data is Dictionary<string, string?> data ? data : new Dictionary<string, string?>(Data, StringComparer.OrdinalIgnoreCase),
                ReadAndValidate,
                new WatchedFileOptions(_fullPath, SettleDelay),
                _time,
                NullLogger.Instance);
            _file.Reloaded += OnFileRead;
            _file.StartWatching();
        }
    }

    /// <summary>Reads, validates and, when both succeed, publishes the file. Also used by tests.</summary>
    public ConfigFileReload Reload() => _file is null
        ? new ConfigFileReload(_fullPath, false, [new ConfigError(_fullPath, "the configuration file was never loaded")])
        : Describe(_file.Reload());

    public void Dispose() => _file?.Dispose();

    /// <summary>Every read of the watched file, whoever asked for it: an accepted one is published here.</summary>
    private void OnFileRead(WatchedFileOutcome read)
    {
        if (read.Loaded)
        {
            lock (_publishGate)
            {
                var candidate = _file!.Current;
                if (!SameAs(candidate))
                {
                    Data = candidate;
                    OnReload();
                }
            }
        }

        Reloaded?.Invoke(Describe(read));
    }

    private ConfigFileReload Describe(WatchedFileOutcome read) => read.Status switch
    {
        WatchedFileStatus.Loaded => new ConfigFileReload(_fullPath, true, []),
        WatchedFileStatus.Missing => new ConfigFileReload(_fullPath, false, [new ConfigError(_fullPath, "the configuration file does not exist")]),
        _ => new ConfigFileReload(_fullPath, false, _lastRefusal.Count > 0 ? _lastRefusal : [.. read.Problems.Select(p => new ConfigError(_fullPath, p))]),
    };

    private WatchedFileRead<Dictionary<string, string?>> ReadAndValidate(string fullPath)
    {
        try
        {
            var candidate = Read();
            var errors = Validator?.Invoke(candidate.AsReadOnly()) ?? [];
            if (errors.HasErrors())
            {
                return Refuse(errors);
            }

            _lastRefusal = [];
            return WatchedFileRead<Dictionary<string, string?>>.Accepted(candidate);
        }
        catch (GatewayConfigurationException ex)
        {
            return Refuse(ex.Errors);
        }
    }

    private WatchedFileRead<Dictionary<string, string?>> Refuse(IReadOnlyList<ConfigError> errors)
    {
        _lastRefusal = errors;
        return WatchedFileRead<Dictionary<string, string?>>.Refused([.. errors.Where(e => e.IsError).Select(e => e.Text)]);
    }

    private bool SameAs(Dictionary<string, string?> candidate) =>
        candidate.Count == Data.Count && candidate.All(kv => Data.TryGetValue(kv.Key, out var value) && value == kv.Value);

    private Dictionary<string, string?> Read()
    {
        if (!File.Exists(_fullPath))
        {
            throw new GatewayConfigurationException([new ConfigError(_fullPath, "the configuration file does not exist")]);
        }

        try
        {
            var parsed = new ConfigurationBuilder().AddJsonFile(_fullPath, optional: false, reloadOnChange: false).Build();
            return parsed.AsEnumerable()
                .Where(kv => kv.Value is not null)
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or JsonException or IOException)
        {
            var detail = ex.InnerException is null ? ex.Message : $"{ex.Message} {ex.InnerException.Message}";
            throw new GatewayConfigurationException([new ConfigError(_fullPath, $"not valid JSON: {detail}")]);
        }
    }
}
