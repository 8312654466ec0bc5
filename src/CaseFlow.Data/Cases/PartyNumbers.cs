using System.Security.Cryptography;
using System.Text;

namespace CaseFlow.Data.Cases;

/// <summary>What a number typed into a search box is, once its separators are gone.</summary>
public enum PartyNumberKind
{
    IdNumber,
    Phone,
}

/// <summary>
/// The keyed hash that lets a case be found by a party's full ID-card or phone number without another clear copy of
/// it: HMAC-SHA256 under a key from configuration (never stored in the database) of the normalised number, as 64
/// lower-case hex digits in case_parties.id_number_hash / phone_hash. Without the key a stolen database cannot be
/// searched by trying every phone number, which a plain hash of an 11-digit number would allow.
/// </summary>
public sealed class PartyNumbers
{
    /// <summary>The shortest key accepted: as long as the hash itself.</summary>
    public const int MinKeyBytes = 32;

    private readonly byte[] _key;

    public PartyNumbers(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"The key must have at least {MinKeyBytes} bytes.", nameof(key));
        }

        _key = [.. key];
    }

    /// <summary>
    /// The number without the spaces, dashes, dots and brackets people type into it, with a lower-case check letter
    /// raised and a +86 / 0086 country prefix of a mobile number dropped: "330523 19900101 123x" and
    /// "+86 138-1234-5678" become "33052319900101123X" and "13812345678".
    /// </summary>
    public static string Normalize(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return "";
        }

        var text = new StringBuilder(number.Length);
        foreach (var ch in number)
        {
            if (char.IsWhiteSpace(ch) || ch is '-' or '－' or '—' or '.' or '(' or ')' or '（' or '）')
            {
                continue;
            }

            // Full-width digits and letters, as Chinese input methods type them.
            var c = ch is >= '０' and <= '９' ? (char)(ch - '０' + '0') : ch is 'ｘ' or 'Ｘ' ? 'X' : ch;
            text.Append(char.ToUpperInvariant(c));
        }

        var s = text.ToString();
        if (s.StartsWith("+86", StringComparison.Ordinal) && s.Length == 14)
        {
            s = s[3..];
        }
        else if (s.StartsWith("0086", StringComparison.Ordinal) && s.Length == 15)
        {
            s = s[4..];
        }

        return s;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is a whole ID-card number (18 characters, or the old 15 digits) or phone number
    /// (7 to 12 digits, a mobile's 11 among them) once normalised; null for anything else, which a text search handles.
    /// </summary>
    public static PartyNumberKind? KindOf(string? text)
    {
        var s = Normalize(text);
        if (s.Length == 18 && s[..17].All(char.IsAsciiDigit) && (char.IsAsciiDigit(s[17]) || s[17] == 'X'))
        {
            return PartyNumberKind.IdNumber;
        }

        if (s.Length == 15 && s.All(char.IsAsciiDigit))
        {
            return PartyNumberKind.IdNumber;
        }

        return s.Length is >= 7 and <= 12 && s.All(char.IsAsciiDigit) ? PartyNumberKind.Phone : null;
    }

    /// <summary>The stored hash of a number, or null when there is no number.</summary>
    public string? Hash(string? number)
    {
        var normalized = Normalize(number);
        if (normalized.Length == 0)
        {
            return null;
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(normalized)));
    }
}
