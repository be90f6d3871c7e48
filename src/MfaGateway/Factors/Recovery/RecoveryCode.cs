using System.Security.Cryptography;

namespace MfaGateway.Factors.Recovery;

/// <summary>
/// Recovery codes: 15 symbols of Crockford's base32 (no I, L, O or U, so nothing reads as something
/// else) in three groups, "7KQ2M-XD9P4-TF0WB": 75 bits from a CSPRNG, above the 64 bits NIST SP
/// 800-63B 5.1.2.1 asks of look-up secrets. Typed input is forgiving: case, spaces and dashes do not
/// matter, and I/L read as 1, O as 0, as Crockford specifies.
/// </summary>
public static class RecoveryCode
{
    public const int Symbols = 15;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Generate()
    {
        Span<char> symbols = stackalloc char[Symbols];
        for (var i = 0; i < Symbols; i++)
        {
            symbols[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{symbols[..5]}-{symbols[5..10]}-{symbols[10..]}";
    }

    /// <summary>The canonical 15 symbols, or null when the input cannot be a recovery code.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return null;
        }

        Span<char> symbols = stackalloc char[Symbols];
        var count = 0;
        foreach (var raw in input)
        {
            if (raw is ' ' or '-')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'I' or 'L' => '1',
                'O' => '0',
                var other => other,
            };
            if (count == Symbols || !Alphabet.Contains(c))
            {
                return null;
            }

            symbols[count++] = c;
        }

        return count == Symbols ? new string(symbols) : null;
    }
}
