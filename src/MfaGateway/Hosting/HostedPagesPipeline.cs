using MfaGateway.Observability;

namespace MfaGateway.Hosting;

/// <summary>
/// Builds the hosted pages' pipeline (Razor Pages discovery, the API and admin endpoints, antiforgery)
/// once the host has started rather than before it listens: it was a quarter of the main thread's
/// start-up time, and a proxied route does not need it. Not earlier: building it while the main
/// pipeline is still being mapped races on the shared endpoint data source (its authorization policy
/// cache enumerates the list MapReverseProxy adds to). A request under the prefix that comes first
/// builds it, or waits for the build under way. A build that fails stops the gateway, as it did when
/// it ran before listening: without its pages no one can pass a challenge.
/// </summary>
internal sealed partial class HostedPagesPipeline
{
    private readonly Lazy<Task<RequestDelegate>> _building;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private RequestDelegate? _built;

    public HostedPagesPipeline(Func<RequestDelegate> build, IHostApplicationLifetime lifetime, ILogger logger)
    {
        _lifetime = lifetime;
        _logger = logger;
        _building = new Lazy<Task<RequestDelegate>>(() => Task.Run(() => BuildOrStop(build)), LazyThreadSafetyMode.ExecutionAndPublication);
        lifetime.ApplicationStarted.Register(() => _ = _building.Value);
    }

    public Task InvokeAsync(HttpContext context)
    {
        return Volatile.Read(ref _built) is { } pages ? pages(context) : ServeWhenBuiltAsync(_building.Value, context);
    }

    private static async Task ServeWhenBuiltAsync(Task<RequestDelegate> building, HttpContext context)
    {
        var pages = await building.WaitAsync(context.RequestAborted);
        await pages(context);
    }

    private RequestDelegate BuildOrStop(Func<RequestDelegate> build)
    {
        try
        {
            var pages = build();
            Volatile.Write(ref _built, pages);
            return pages;
        }
        catch (Exception e)
        {
            LogBuildFailed(_logger, e);
            _lifetime.StopApplication();
            throw;
        }
    }

    [LoggerMessage(EventId = EventIds.HostedPagesUnavailable, Level = LogLevel.Critical, Message = "The hosted pages could not be built; the gateway stops")]
    private static partial void LogBuildFailed(ILogger logger, Exception exception);
}
