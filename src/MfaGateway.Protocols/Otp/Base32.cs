using System.Diagnostics.CodeAnalysis;

namespace MfaGateway.Protocols.Otp;

/// <summary>
/// RFC 4648 base32 (alphabet A-Z2-7), the encoding authenticator apps use for OTP secrets.
/// </summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const int BitsPerCharacter = 5;
    private const int CharacterMask = 0b1_1111;

    /// <summary>Encodes <paramref name="data"/> in upper case without '=' padding, as otpauth URIs expect.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var length = checked((int)((data.Length * 8L + BitsPerCharacter - 1) / BitsPerCharacter));
        return string.Create(length, data, static (characters, bytes) =>
        {
            var buffer = 0;
            var bitsInBuffer = 0;
            var position = 0;
            foreach (var b in bytes)
            {
                buffer = (buffer << 8) | b;
                bitsInBuffer += 8;
                while (bitsInBuffer >= BitsPerCharacter)
                {
                    bitsInBuffer -= BitsPerCharacter;
                    characters[position++] = Alphabet[(buffer >> bitsInBuffer) & CharacterMask];
                }

                // Keep only the bits not yet emitted so the buffer never overflows.
                buffer &= (1 << bitsInBuffer) - 1;
            }

            if (bitsInBuffer > 0)
            {
                characters[position] = Alphabet[(buffer << (BitsPerCharacter - bitsInBuffer)) & CharacterMask];
            }
        });
    }

    /// <summary>
    /// Decodes base32 as people type it: case-insensitive, spaces and hyphens anywhere and trailing '=' padding are ignored.
    /// </summary>
    /// <exception cref="FormatException">Any other character, or a length no encoder can produce (a truncated secret).</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryDecode(text, out var data, out var error) ? data : throw new FormatException(error);
    }

    /// <summary>Like <see cref="Decode"/>, but returns false instead of throwing.</summary>
    public static bool TryDecode(string text, [NotNullWhen(true)] out byte[]? data) => TryDecode(text, out data, out _);

    private static bool TryDecode(string? text, [NotNullWhen(true)] out byte[]? data, [NotNullWhen(false)] out string? error)
    {
        data = null;
        if (text is null)
        {
            error = "Base32 text must not be null.";
            return false;
        }

        // Padding may be followed or interleaved by separators ("MY== ===="), so trim all of them together.
        var end = text.AsSpan().TrimEnd("= -").Length;
        var characterCount = 0;
        for (var i = 0; i < end; i++)
        {
            var c = text[i];
            if (IsSeparator(c))
            {
                continue;
            }

            if (ValueOf(c) < 0)
            {
                // Describe the character but never echo the text: it is usually a secret.
                error = c == '='
                    ? $"Base32 padding '=' is only allowed at the end, but was found at position {i}."
                    : $"Character {Describe(c)} at position {i} is not base32; only the letters A-Z and the digits 2-7 are allowed (spaces, hyphens and trailing '=' are ignored).";
                return false;
            }

            characterCount++;
        }

        // Whole bytes need 0, 2, 4, 5 or 7 characters beyond a multiple of 8; 1, 3 or 6 mean characters were lost.
        var remainder = characterCount % 8;
        if (remainder is 1 or 3 or 6)
        {
            error = $"{characterCount} base32 characters cannot encode whole bytes; the text looks truncated.";
            return false;
        }

        var bytes = new byte[characterCount * BitsPerCharacter / 8];
        var buffer = 0;
        var bitsInBuffer = 0;
        var position = 0;
        for (var i = 0; i < end; i++)
        {
            var c = text[i];
            if (IsSeparator(c))
            {
                continue;
            }

            buffer = (buffer << BitsPerCharacter) | ValueOf(c);
            bitsInBuffer += BitsPerCharacter;
            if (bitsInBuffer >= 8)
            {
                bitsInBuffer -= 8;
                bytes[position++] = (byte)(buffer >> bitsInBuffer);
                buffer &= (1 << bitsInBuffer) - 1;
            }
        }

        // Leftover bits (fewer than 8) are encoder padding and are ignored, as authenticator apps do.
        data = bytes;
        error = null;
        return true;
    }

    private static bool IsSeparator(char c) => c is ' ' or '-';

    private static int ValueOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a',
        >= '2' and <= '7' => c - '2' + 26,
        _ => -1,
    };

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}' (U+{(int)c:X4})";
}
