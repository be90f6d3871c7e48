using System.Net;

namespace MfaGateway.Protocols.Geo;

/// <summary>
/// Typed lookups of the GeoIP2/GeoLite2 City, Country and ASN record shapes. Only the fields returned are
/// decoded (maps are walked by key, everything else skipped), and records are cached by data-section offset,
/// so a repeat lookup is a tree walk without allocation. Safe for concurrent use.
/// </summary>
public sealed class GeoDatabase
{
    /// <summary>Enough for the records of every busy network of a gateway's users; about 100 bytes each.</summary>
    public const int DefaultCacheSize = 8192;

    private readonly MmdbDecoder data;
    private readonly RecordCache<GeoCity> cities;
    private readonly RecordCache<GeoCountry> countries;
    private readonly RecordCache<GeoAsn> asns;

    // Created once: a method group passed on each call would allocate a delegate per lookup.
    private readonly Func<int, GeoCity> decodeCity;
    private readonly Func<int, GeoCountry> decodeCountry;
    private readonly Func<int, GeoAsn> decodeAsn;

    public GeoDatabase(MmdbReader reader, int cacheSize = DefaultCacheSize)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Reader = reader;
        data = reader.Data;
        cities = new RecordCache<GeoCity>(cacheSize);
        countries = new RecordCache<GeoCountry>(cacheSize);
        asns = new RecordCache<GeoAsn>(cacheSize);
        decodeCity = DecodeCity;
        decodeCountry = DecodeCountry;
        decodeAsn = DecodeAsn;
    }

    public MmdbReader Reader { get; }

    /// <summary>The database_type, e.g. "GeoLite2-City".</summary>
    public string DatabaseType => Reader.Metadata.DatabaseType;

    /// <summary>City, Enterprise and similar databases carry city names and coordinates.</summary>
    public bool HasCityRecords => Contains("City") || Contains("Enterprise");

    /// <summary>Every City database also answers Country lookups.</summary>
    public bool HasCountryRecords => HasCityRecords || Contains("Country");

    /// <summary>ASN databases, and ISP databases which carry the same two fields.</summary>
    public bool HasAsnRecords => Contains("ASN") || Contains("ISP");

    /// <summary>Opens and validates a database file.</summary>
    /// <exception cref="MmdbFormatException">The file is not a valid MaxMind DB file.</exception>
    public static GeoDatabase Open(string path) => new(MmdbReader.Open(path));

    /// <summary>The City record for <paramref name="address"/>, or null when it is in no network of the database.</summary>
    /// <exception cref="MmdbFormatException">The database is corrupted where this lookup went.</exception>
    public GeoMatch<GeoCity>? City(IPAddress address) => Lookup(address, cities, decodeCity);

    /// <summary>The country of <paramref name="address"/> (from a Country or City database), or null.</summary>
    /// <exception cref="MmdbFormatException">The database is corrupted where this lookup went.</exception>
    public GeoMatch<GeoCountry>? Country(IPAddress address) => Lookup(address, countries, decodeCountry);

    /// <summary>The autonomous system of <paramref name="address"/>, or null.</summary>
    /// <exception cref="MmdbFormatException">The database is corrupted where this lookup went.</exception>
    public GeoMatch<GeoAsn>? Asn(IPAddress address) => Lookup(address, asns, decodeAsn);

    private GeoMatch<T>? Lookup<T>(IPAddress address, RecordCache<T> cache, Func<int, T> decode)
        where T : class
    {
        var offset = Reader.FindDataOffset(address, out var prefixLength);
        return offset < 0 ? null : new GeoMatch<T>(cache.GetOrAdd(offset, decode), prefixLength);
    }

    private GeoCity DecodeCity(int offset)
    {
        int country = -1, city = -1, location = -1;
        var at = data.OpenMap(offset, out var count);
        for (var i = 0; i < count; i++)
        {
            var key = data.ReadKey(at, out var value);
            if (key.SequenceEqual("country"u8))
            {
                country = value;
            }
            else if (key.SequenceEqual("city"u8))
            {
                city = value;
            }
            else if (key.SequenceEqual("location"u8))
            {
                location = value;
            }

            at = data.Skip(value, 1);
        }

        return new GeoCity(
            OptionalString(country, "iso_code"u8),
            OptionalString(data.FindPath(country, "names"u8, "en"u8)),
            OptionalString(data.FindPath(city, "names"u8, "en"u8)),
            OptionalDouble(location, "latitude"u8),
            OptionalDouble(location, "longitude"u8),
            OptionalRadius(location));
    }

    private GeoCountry DecodeCountry(int offset)
    {
        var country = data.FindInMap(offset, "country"u8);
        return new GeoCountry(
            OptionalString(country, "iso_code"u8),
            OptionalString(data.FindPath(country, "names"u8, "en"u8)));
    }

    private GeoAsn DecodeAsn(int offset)
    {
        var number = data.FindInMap(offset, "autonomous_system_number"u8);
        uint? asn = null;
        if (number >= 0)
        {
            var value = data.ReadUnsigned(number);
            asn = value <= uint.MaxValue
                ? (uint)value
                : throw data.Corrupt($"autonomous_system_number {value} exceeds 32 bits", number);
        }

        return new GeoAsn(asn, OptionalString(offset, "autonomous_system_organization"u8));
    }

    private string? OptionalString(int mapOffset, ReadOnlySpan<byte> key) =>
        OptionalString(mapOffset < 0 ? -1 : data.FindInMap(mapOffset, key));

    private string? OptionalString(int valueOffset) => valueOffset < 0 ? null : data.ReadString(valueOffset);

    private double? OptionalDouble(int mapOffset, ReadOnlySpan<byte> key)
    {
        var value = mapOffset < 0 ? -1 : data.FindInMap(mapOffset, key);
        return value < 0 ? null : data.ReadDouble(value);
    }

    private int? OptionalRadius(int location)
    {
        var value = location < 0 ? -1 : data.FindInMap(location, "accuracy_radius"u8);
        return value < 0 ? null : (int)Math.Min(data.ReadUnsigned(value), int.MaxValue);
    }

    private bool Contains(string part) => DatabaseType.Contains(part, StringComparison.OrdinalIgnoreCase);
}
