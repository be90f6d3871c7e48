using MaxMind.Db;

namespace MfaGateway.Risk.Geo;

/// <summary>
/// A MaxMind "names" map reduced to its English entry: the pages and the audit are written in English, and
/// the reader skips the other languages' strings without building them.
/// </summary>
internal sealed class EnglishName
{
    [Constructor]
    public EnglishName([MapKey("en")] string? english) => English = english;

    public string? English { get; }
}
