namespace CaseFlow.Domain.Parties;

/// <summary>Chinese resident identity numbers (居民身份证号码, GB 11643-1999): 18 characters, the last a check character.</summary>
public static class ResidentId
{
    private static ReadOnlySpan<int> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private const string CheckCharacters = "10X98765432";

    /// <summary>Upper-cases a trailing x and trims; does not validate.</summary>
    public static string Normalize(string value) => value.Trim().ToUpperInvariant();

    /// <summary>Null when the number is valid, otherwise why not (an <see cref="IdentifierProblem"/>).</summary>
    public static IdentifierProblem? Check(string? value, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return IdentifierProblem.Missing;
        }

        var id = Normalize(value);
        if (id.Length != 18)
        {
            return IdentifierProblem.WrongLength;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return IdentifierProblem.BadCharacters;
            }
        }

        if (!char.IsAsciiDigit(id[17]) && id[17] != 'X')
        {
            return IdentifierProblem.BadCharacters;
        }

        // The province-level codes of GB/T 2260; 81–83 begin the residence permits of Hong Kong, Macao and Taiwan
        // residents, and 9 the 2023 foreign permanent residence card, each a document type of its own.
        if (!IsProvinceCode(id.AsSpan(0, 2)))
        {
            return IdentifierProblem.BadRegion;
        }

        if (!TryBirthDate(id, out var born) || born > today || born.Year < 1900)
        {
            return IdentifierProblem.BadBirthDate;
        }

        return id[17] == CheckCharacterFor(id.AsSpan(0, 17)) ? null : IdentifierProblem.BadCheckCharacter;
    }

    /// <summary>Whether two digits are a mainland province-level code: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65.</summary>
    public static bool IsProvinceCode(ReadOnlySpan<char> twoDigits)
    {
        if (twoDigits.Length != 2 || !char.IsAsciiDigit(twoDigits[0]) || !char.IsAsciiDigit(twoDigits[1]))
        {
            return false;
        }

        var code = ((twoDigits[0] - '0') * 10) + (twoDigits[1] - '0');
        return code is (>= 11 and <= 15) or (>= 21 and <= 23) or (>= 31 and <= 37) or (>= 41 and <= 46) or (>= 50 and <= 54) or (>= 61 and <= 65);
    }

    public static bool IsValid(string? value, DateOnly today) => Check(value, today) is null;

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacterFor(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Exactly 17 digits are needed.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    private static bool TryBirthDate(string id, out DateOnly born) =>
        DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out born);
}
