namespace MfaGateway.TestSupport.Mmdb;

/// <summary>The data types of the MaxMind DB data section (spec v2, "Output Data Section").</summary>
public enum MmdbType
{
    /// <summary>Type 0 marks an extended type in the control byte; never a value's own type.</summary>
    Extended = 0,

    /// <summary>An offset into the data section where the value really is.</summary>
    Pointer = 1,

    /// <summary>UTF-8 text.</summary>
    Utf8String = 2,

    /// <summary>IEEE 754 binary64, big-endian.</summary>
    Double = 3,

    /// <summary>Raw bytes.</summary>
    Bytes = 4,

    /// <summary>Unsigned 16-bit integer, 0 to 2 bytes.</summary>
    UInt16 = 5,

    /// <summary>Unsigned 32-bit integer, 0 to 4 bytes.</summary>
    UInt32 = 6,

    /// <summary>Key/value pairs with UTF-8 string keys.</summary>
    Map = 7,

    /// <summary>Signed 32-bit integer, 0 to 4 bytes.</summary>
    Int32 = 8,

    /// <summary>Unsigned 64-bit integer, 0 to 8 bytes.</summary>
    UInt64 = 9,

    /// <summary>Unsigned 128-bit integer, 0 to 16 bytes.</summary>
    UInt128 = 10,

    /// <summary>An ordered list of values.</summary>
    Array = 11,

    /// <summary>Reserved by the spec for writers; never valid inside a lookup result.</summary>
    DataCacheContainer = 12,

    /// <summary>Reserved by the spec; never valid inside a lookup result.</summary>
    EndMarker = 13,

    /// <summary>True or false, held in the size field.</summary>
    Boolean = 14,

    /// <summary>IEEE 754 binary32, big-endian.</summary>
    Float = 15,
}
