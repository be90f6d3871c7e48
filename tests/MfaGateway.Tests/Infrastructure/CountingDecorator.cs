using System.Reflection;
using System.Runtime.ExceptionServices;

namespace MfaGateway.Tests.Infrastructure;

/// <summary>
/// Wraps any interface's implementation, passing every call through and counting it, so a test can
/// see that the gateway used the instance the host registered rather than its own.
/// </summary>
public class CountingDecorator<T> : DispatchProxy
    where T : class
{
    private T? _inner;
    private int _calls;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byMethod = new(StringComparer.Ordinal);

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Calls of the methods of this name, whatever their overload.</summary>
    public int CallsOf(string method) => _byMethod.GetValueOrDefault(method);

    public static (T Decorated, CountingDecorator<T> Counter) Wrap(T inner)
    {
        var decorated = Create<T, CountingDecorator<T>>();
        var counter = (CountingDecorator<T>)(object)decorated;
        counter._inner = inner;
        return (decorated, counter);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Interlocked.Increment(ref _calls);
        _byMethod.AddOrUpdate(targetMethod.Name, 1, (_, calls) => calls + 1);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
