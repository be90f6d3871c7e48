using System.Net;
using MaxMind.Db;

namespace MfaGateway.Risk.Geo;

/// <summary>
/// One opened MaxMind DB file, read through MaxMind's reader, with the record shape of its role. The
/// reader holds a native copy of the file that only disposing frees, so a database replaced by a reload
/// is retired: it is disposed once the last lookup still running on it has finished.
/// </summary>
public sealed class GeoDatabase
{
    private readonly Reader _reader;
    private int _users;
    private int _retired;
    private int _disposed;

    internal GeoDatabase(Reader reader, GeoDatabaseRole role)
    {
        _reader = reader;
        Role = role;
    }

    public GeoDatabaseRole Role { get; }

    public string DatabaseType => _reader.Metadata.DatabaseType;

    public DateTime BuildDate => _reader.Metadata.BuildDate;

    public int IpVersion => _reader.Metadata.IPVersion;

    /// <summary>True once disposed (after being retired and left by its last lookup).</summary>
    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// The record of <paramref name="address"/> in the shape of <typeparamref name="T"/> (<see cref="CityRecord"/>,
    /// <see cref="AsnRecord"/>, <see cref="AnonymousIpRecord"/>), or null when the database does not have it.
    /// MaxMind's DatabaseReader would also insist on MaxMind's own database_type names, which operators'
    /// and test databases do not use; the role check when the file was opened stands for that.
    /// </summary>
    internal T? Find<T>(IPAddress address)
        where T : class => Find<T>(address, out _);

    /// <param name="prefixLength">The length of the network the answer is for (or the depth searched when none).</param>
    internal T? Find<T>(IPAddress address, out int prefixLength)
        where T : class
    {
        // MaxMind's reader refuses IPv6 addresses outright in an IPv4 database; for the gateway they are simply not there.
        if (IpVersion == 4 && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            prefixLength = 0;
            return null;
        }

        // The gateway's records take no injected values (MaxMind's responses want the address as a string and the locales).
        return _reader.Find<T>(address, out prefixLength);
    }

    /// <summary>Takes a lease for one lookup; false when the database is retired (use the current one).</summary>
    internal bool TryEnter()
    {
        Interlocked.Increment(ref _users);
        if (Volatile.Read(ref _retired) == 0)
        {
            return true;
        }

        Exit();
        return false;
    }

    internal void Exit()
    {
        if (Interlocked.Decrement(ref _users) == 0 && Volatile.Read(ref _retired) != 0)
        {
            DisposeOnce();
        }
    }

    /// <summary>No new lookups; disposed now or when the last running lookup leaves.</summary>
    internal void Retire()
    {
        // Interlocked (a full fence) so the count below is read after the flag is visible to TryEnter.
        Interlocked.Exchange(ref _retired, 1);
        if (Volatile.Read(ref _users) == 0)
        {
            DisposeOnce();
        }
    }

    private void DisposeOnce()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _reader.Dispose();
        }
    }
}
