using MfaGateway.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace MfaGateway.Tests.Hosting;

/// <summary>The hosted pages are built once, after start-up or at the first request under the prefix; a failed build stops the gateway.</summary>
public sealed class HostedPagesPipelineTests
{
    [Fact]
    public async Task Start_builds_the_pages_once_without_a_request()
    {
        var lifetime = new FakeLifetime();
        var builds = 0;
        var served = 0;
        var pipeline = new HostedPagesPipeline(() => { Interlocked.Increment(ref builds); return _ => { Interlocked.Increment(ref served); return Task.CompletedTask; }; }, lifetime, NullLogger.Instance);
        Assert.Equal(0, Volatile.Read(ref builds)); // nothing before the host has started

        lifetime.Start();
        await WaitUntilAsync(() => Volatile.Read(ref builds) == 1);
        await pipeline.InvokeAsync(new DefaultHttpContext());
        await pipeline.InvokeAsync(new DefaultHttpContext());

        Assert.Equal(1, builds);
        Assert.Equal(2, served);
        Assert.False(lifetime.StopRequested);
    }

    [Fact]
    public async Task A_request_before_the_start_event_builds_the_pages_and_waits_for_them()
    {
        var lifetime = new FakeLifetime();
        using var release = new ManualResetEventSlim();
        var builds = 0;
        var pipeline = new HostedPagesPipeline(() =>
        {
            Interlocked.Increment(ref builds);
            release.Wait(TimeSpan.FromSeconds(10));
            return context => { context.Response.StatusCode = 204; return Task.CompletedTask; };
        }, lifetime, NullLogger.Instance);

        var first = new DefaultHttpContext();
        var second = new DefaultHttpContext();
        var both = Task.WhenAll(pipeline.InvokeAsync(first), pipeline.InvokeAsync(second));
        Assert.False(both.IsCompleted); // still building
        release.Set();
        await both;
        lifetime.Start();

        Assert.Equal(204, first.Response.StatusCode);
        Assert.Equal(204, second.Response.StatusCode);
        Assert.Equal(1, builds);
    }

    [Fact]
    public async Task A_build_that_fails_stops_the_gateway_and_fails_the_request()
    {
        var lifetime = new FakeLifetime();
        var pipeline = new HostedPagesPipeline(() => throw new InvalidOperationException("pages broken"), lifetime, NullLogger.Instance);

        lifetime.Start();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.InvokeAsync(new DefaultHttpContext()));

        Assert.Equal("pages broken", failure.Message);
        Assert.True(lifetime.StopRequested);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class FakeLifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _started = new();
        private volatile bool _stopRequested;

        public CancellationToken ApplicationStarted => _started.Token;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public bool StopRequested => _stopRequested;

        public void Start() => _started.Cancel();

        public void StopApplication() => _stopRequested = true;
    }
}
