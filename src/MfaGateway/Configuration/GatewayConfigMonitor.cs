using MfaGateway.Observability;
using MfaGateway.Validation;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace MfaGateway.Configuration;

/// <summary>
/// Holds the configuration snapshot in force: the gateway's rules and YARP's routes, compiled from the
/// merged configuration (file, environment, command line). A reload is compiled and validated as a
/// whole; when it passes, both are published, and when it fails, it is logged with every error and
/// neither changes.
/// </summary>
public sealed partial class GatewayConfigMonitor : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly ILogger<GatewayConfigMonitor> _logger;
    private readonly IDisposable _reloadSubscription;
    private readonly GuardedJsonFileConfigurationProvider? _file;
    private readonly StartupSettings? _startup;
    private readonly string? _configDirectory;
    private readonly GatewayConfigValidator _validator;
    private readonly bool _ownsValidator;
    private readonly Lock _publishGate = new();
    private volatile ConfigurationSnapshot _snapshot;
    private ValidatedCandidate? _validatedCandidate;
    private int _compilations;

    /// <param name="startup">Settings fixed at start-up, to warn when a reload tries to change them.</param>
    /// <param name="validator">The host's validator; without one the monitor makes (and disposes) its own.</param>
    public GatewayConfigMonitor(
        IConfiguration configuration,
        ILogger<GatewayConfigMonitor> logger,
        StartupSettings? startup = null,
        ConfigFileLocation? configFile = null,
        GatewayConfigValidator? validator = null)
    {
        _configuration = configuration;
        _logger = logger;
        _startup = startup;
        _configDirectory = configFile?.Directory;
        _ownsValidator = validator is null;
        _validator = validator ?? new GatewayConfigValidator(new YarpConfigChecker());
        var snapshot = Compile(configuration, out var errors);
        if (snapshot is null)
        {
            DisposeOwnedValidator();
            throw new GatewayConfigurationException(errors);
        }

        _snapshot = snapshot;
        Proxy = new InMemoryConfigProvider(snapshot.Routes, snapshot.Clusters);

        _file = (configuration as IConfigurationRoot)?.Providers.OfType<GuardedJsonFileConfigurationProvider>().SingleOrDefault();
        if (_file is not null)
        {
            _file.Validator = ValidateFileCandidate;
            _file.Reloaded += OnFileReloaded;
        }

        _reloadSubscription = ChangeToken.OnChange(configuration.GetReloadToken, Recompile);
    }

    public GatewayConfig Current => _snapshot.Gateway;

    /// <summary>YARP's routes and clusters of the snapshot in force; the proxy reads them from here.</summary>
    public InMemoryConfigProvider Proxy { get; }

    /// <summary>The last reload attempt of the config file, for operators (and tests) to inspect.</summary>
    public ConfigFileReload? LastFileReload { get; private set; }

    /// <summary>How many times this monitor compiled a configuration: a reload must cost one compile, not two.</summary>
    internal int Compilations => Volatile.Read(ref _compilations);

    /// <summary>Re-reads the config file now instead of waiting for the file watcher.</summary>
    public ConfigFileReload? ReloadFile() => _file?.Reload();

    public void Dispose()
    {
        _reloadSubscription.Dispose();
        if (_file is not null)
        {
            _file.Reloaded -= OnFileReloaded;
            _file.Validator = null;
        }

        DisposeOwnedValidator();
    }

    private void DisposeOwnedValidator()
    {
        if (_ownsValidator)
        {
            _validator.Dispose();
        }
    }

    /// <summary>
    /// A changed file is judged by what would run with it: the file's new keys under the environment
    /// variables and command-line arguments that outrank it. A file valid alone may be invalid merged
    /// (and the other way round, such as a secret that only the environment supplies).
    /// </summary>
    private IReadOnlyList<ConfigError> ValidateFileCandidate(IReadOnlyDictionary<string, string?> candidate)
    {
        var merged = MergedConfiguration.With((IConfigurationRoot)_configuration, _file!, candidate);
        var snapshot = Compile(new ConfigurationBuilder().AddInMemoryCollection(merged).Build(), out var errors);

        // Kept for the reload the provider raises next when it publishes the file: that reload is
        // this very configuration, already compiled.
        Volatile.Write(ref _validatedCandidate, snapshot is null ? null : new ValidatedCandidate(merged, snapshot));
        return errors;
    }

    private ConfigurationSnapshot? Compile(IConfiguration configuration, out IReadOnlyList<ConfigError> errors)
    {
        Interlocked.Increment(ref _compilations);
        return _validator.Compile(configuration, out errors);
    }

    /// <summary>The file candidate validated last, if the configuration now in the sources is exactly it.</summary>
    private ConfigurationSnapshot? TakeValidatedCandidate() =>
        Interlocked.Exchange(ref _validatedCandidate, null) is { } candidate && candidate.Matches(_configuration)
            ? candidate.Snapshot
            : null;

    private void OnFileReloaded(ConfigFileReload outcome)
    {
        LastFileReload = outcome;
        if (!outcome.Accepted)
        {
            LogReloadRejected(_logger, outcome.Path, outcome.Errors.ErrorCount(), string.Join(Environment.NewLine, outcome.Errors));
        }
    }

    private void Recompile()
    {
        // One publisher at a time, so two quick reloads cannot interleave routes of one with rules of the other.
        lock (_publishGate)
        {
            IReadOnlyList<ConfigError> errors = [];
            var compiled = TakeValidatedCandidate() ?? Compile(_configuration, out errors);
            if (compiled is null)
            {
                LogReloadRejected(_logger, "(merged configuration)", errors.ErrorCount(), string.Join(Environment.NewLine, errors));
                return;
            }

            // Published back to back from one snapshot: YARP swaps its routes on this signal, and
            // requests read the gateway's rules once each, so neither runs with the other's old half
            // for longer than the swap.
            _snapshot = compiled;
            Proxy.Update(compiled.Routes, compiled.Clusters);
            LogReloaded(_logger, compiled.Gateway.Policies.Count, compiled.Gateway.Rules.Count, compiled.Gateway.Apps.Count, compiled.Routes.Count);
        }

        if (_startup is not null && _configDirectory is not null && StartupSettings.Read(_configuration, _configDirectory) != _startup)
        {
            LogStartupSettingsChanged(_logger, _startup.PathPrefix, _startup.DataDirectory);
        }
    }

    [LoggerMessage(EventId = EventIds.ConfigReloaded, Level = LogLevel.Information, Message = "Configuration reloaded: {PolicyCount} policies, {RuleCount} rules, {AppCount} apps, {RouteCount} proxy routes")]
    private static partial void LogReloaded(ILogger logger, int policyCount, int ruleCount, int appCount, int routeCount);

    [LoggerMessage(EventId = EventIds.StartupSettingsChanged, Level = LogLevel.Warning, Message = "PathPrefix and DataDirectory are read at start-up only; the gateway keeps using {PathPrefix} and {DataDirectory} until it is restarted")]
    private static partial void LogStartupSettingsChanged(ILogger logger, string pathPrefix, string dataDirectory);

    [LoggerMessage(EventId = EventIds.ConfigReloadRejected, Level = LogLevel.Error, Message = "Configuration reload of {Path} rejected with {ErrorCount} error(s); the previous configuration stays in force:\n{Errors}")]
    private static partial void LogReloadRejected(ILogger logger, string path, int errorCount, string errors);
}
