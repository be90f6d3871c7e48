using System.Net;
using System.Net.Sockets;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>
/// A loopback port that forwards to another while up and refuses connections while down: a server
/// that goes away and comes back at the same address, without stopping the shared one behind it.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly int _target;
    private TcpListener? _listener;
    private CancellationTokenSource? _running;

    public TcpRelay(int target)
    {
        _target = target;
        Port = SmtpSink.ClosedPort();
    }

    public int Port { get; }

    public void Up()
    {
        if (_listener is not null)
        {
            return;
        }

        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _running = new CancellationTokenSource();
        _ = AcceptAsync(_listener, _running.Token);
    }

    public async Task DownAsync()
    {
        if (_listener is null)
        {
            return;
        }

        await _running!.CancelAsync();
        _listener.Stop();
        _listener = null;
    }

    public async ValueTask DisposeAsync() => await DownAsync();

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = PipeAsync(client, cancellationToken);
        }
    }

    private async Task PipeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target, cancellationToken);
                var up = client.GetStream().CopyToAsync(server.GetStream(), cancellationToken);
                var down = server.GetStream().CopyToAsync(client.GetStream(), cancellationToken);
                await Task.WhenAny(up, down);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // Either side went away: so does the relayed connection.
            }
        }
    }
}
