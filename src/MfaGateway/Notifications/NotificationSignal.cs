namespace MfaGateway.Notifications;

/// <summary>Tells the dispatcher something was queued, so it looks now rather than at its next timer.</summary>
public sealed class NotificationSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke it between the check and the release: once is enough.
            }
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _wake.WaitAsync(cancellationToken);
}
