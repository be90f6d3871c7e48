using System.Text.Json;
using Microsoft.Extensions.FileProviders;

namespace MfaGateway.Configuration;

/// <summary>
/// A JSON file provider that publishes a changed file only after it parses and passes
/// <see cref="Validator"/>. The stock JSON provider empties its data when a reload fails to parse,
/// which would drop every YARP route; here a bad edit leaves the last good configuration in force.
/// </summary>
public sealed class GuardedJsonFileConfigurationProvider : ConfigurationProvider, IDisposable
{
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(300);

    private readonly string _fullPath;
    private PhysicalFileProvider? _directory;
    private readonly Lock _reloadGate = new();
    private IDisposable? _watchRegistration;
    private CancellationTokenSource? _pendingReload;

    public GuardedJsonFileConfigurationProvider(string fullPath)
    {
        _fullPath = fullPath;
    }

    /// <summary>Checks a candidate (flattened keys) and returns its errors; set once services exist.</summary>
    public Func<IReadOnlyDictionary<string, string?>, IReadOnlyList<ConfigError>>? Validator { get; set; }

    public event Action<ConfigFileReload>? Reloaded;

    public override void Load()
    {
        Data = Read();
        Watch();
    }

    /// <summary>Reads, validates and, when both succeed, publishes the file. Also used by tests.</summary>
    public ConfigFileReload Reload()
    {
        lock (_reloadGate)
        {
            ConfigFileReload outcome;
            try
            {
                var candidate = Read();
                var errors = Validator?.Invoke(candidate.AsReadOnly()) ?? [];
                outcome = new ConfigFileReload(_fullPath, !errors.HasErrors(), errors);
                if (outcome.Accepted && !SameAs(candidate))
                {
                    Data = candidate;
                    OnReload();
                }
            }
            catch (GatewayConfigurationException ex)
            {
                outcome = new ConfigFileReload(_fullPath, false, ex.Errors);
            }

            Reloaded?.Invoke(outcome);
            return outcome;
        }
    }

    public void Dispose()
    {
        _watchRegistration?.Dispose();
        _pendingReload?.Cancel();
        _pendingReload?.Dispose();
        _directory?.Dispose();
    }

    private void Watch()
    {
        // Created only once the file is known to exist: the provider needs its directory.
        _directory ??= new PhysicalFileProvider(Path.GetDirectoryName(_fullPath)!);
        var token = _directory.Watch(Path.GetFileName(_fullPath));
        _watchRegistration = token.RegisterChangeCallback(_ => OnFileChanged(), null);
    }

    private void OnFileChanged()
    {
        Watch();

        // Editors save in several writes; wait for the file to settle, and let a newer change win.
        var pending = new CancellationTokenSource();
        Interlocked.Exchange(ref _pendingReload, pending)?.Cancel();
        _ = Task.Delay(SettleDelay, pending.Token).ContinueWith(
            _ => Reload(),
            pending.Token,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
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
