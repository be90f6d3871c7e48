using MfaGateway.Hosting;
using Microsoft.Extensions.Primitives;

namespace MfaGateway.Configuration;

/// <summary>
/// Holds the configuration snapshot in force. A reload that fails validation is logged with every
/// error and the previous snapshot stays.
/// </summary>
public sealed partial class GatewayConfigMonitor : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly ILogger<GatewayConfigMonitor> _logger;
    private readonly IDisposable _reloadSubscription;
    private readonly GuardedJsonFileConfigurationProvider? _file;
    private readonly StartupSettings? _startup;
    private readonly string? _contentRoot;
    private volatile GatewayConfig _current;

    /// <param name="startup">Settings fixed at start-up, to warn when a reload tries to change them.</param>
    public GatewayConfigMonitor(IConfiguration configuration, ILogger<GatewayConfigMonitor> logger, StartupSettings? startup = null, IHostEnvironment? environment = null)
    {
        _configuration = configuration;
        _logger = logger;
        _startup = startup;
        _contentRoot = environment?.ContentRootPath;
        _current = GatewayConfigCompiler.Compile(configuration, out var errors) ?? throw new GatewayConfigurationException(errors);

        _file = (configuration as IConfigurationRoot)?.Providers.OfType<GuardedJsonFileConfigurationProvider>().SingleOrDefault();
        if (_file is not null)
        {
            _file.Reloaded += OnFileReloaded;
        }

        _reloadSubscription = ChangeToken.OnChange(configuration.GetReloadToken, Recompile);
    }

    public GatewayConfig Current => _current;

    /// <summary>The last reload attempt of the config file, for operators (and tests) to inspect.</summary>
    public ConfigFileReload? LastFileReload { get; private set; }

    /// <summary>
    /// From now on a changed config file must pass <paramref name="validator"/> before it is used.
    /// Set by the host once services exist (the validator needs YARP's, which need this monitor).
    /// </summary>
    public void GuardReloadsWith(GatewayConfigValidator validator)
    {
        if (_file is not null)
        {
            _file.Validator = validator.Validate;
        }
    }

    /// <summary>Re-reads the config file now instead of waiting for the file watcher.</summary>
    public ConfigFileReload? ReloadFile() => _file?.Reload();

    public void Dispose()
    {
        _reloadSubscription.Dispose();
        if (_file is not null)
        {
            _file.Reloaded -= OnFileReloaded;
        }
    }

    private void OnFileReloaded(ConfigFileReload outcome)
    {
        LastFileReload = outcome;
        if (!outcome.Accepted)
        {
            LogReloadRejected(_logger, outcome.Path, outcome.Errors.Count, string.Join(Environment.NewLine, outcome.Errors));
        }
    }

    private void Recompile()
    {
        var compiled = GatewayConfigCompiler.Compile(_configuration, out var errors);
        if (compiled is null)
        {
            LogReloadRejected(_logger, "(merged configuration)", errors.Count, string.Join(Environment.NewLine, errors));
            return;
        }

        _current = compiled;
        LogReloaded(_logger, compiled.Policies.Count, compiled.Rules.Count, compiled.Apps.Count);
        if (_startup is not null && _contentRoot is not null && StartupSettings.Read(_configuration, _contentRoot) != _startup)
        {
            LogStartupSettingsChanged(_logger, _startup.PathPrefix, _startup.DataDirectory);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Configuration reloaded: {PolicyCount} policies, {RuleCount} rules, {AppCount} apps")]
    private static partial void LogReloaded(ILogger logger, int policyCount, int ruleCount, int appCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "PathPrefix and DataDirectory are read at start-up only; the gateway keeps using {PathPrefix} and {DataDirectory} until it is restarted")]
    private static partial void LogStartupSettingsChanged(ILogger logger, string pathPrefix, string dataDirectory);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Configuration reload of {Path} rejected with {ErrorCount} error(s); the previous configuration stays in force:\n{Errors}")]
    private static partial void LogReloadRejected(ILogger logger, string path, int errorCount, string errors);
}
