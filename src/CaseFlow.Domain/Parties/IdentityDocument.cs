using System.Globalization;

namespace CaseFlow.Domain.Parties;

/// <summary>
/// The check rule of each identity document type (DESIGN §8). A rule says only whether a number can be a real document
/// of its type; nothing here looks a number up.
/// </summary>
public static class IdentityDocument
{
    /// <summary>The longest number case_parties.id_number holds.</summary>
    public const int MaxNumberLength = 32;

    /// <summary>A passport number's length range: loose, since every country has its own format.</summary>
    public const int MinPassportLength = 5;

    public const int MaxPassportLength = 20;

    /// <summary>The length of a passport's country code (ISO 3166-1 alpha-3), as case_parties.id_country holds it.</summary>
    public const int CountryCodeLength = 3;

    /// <summary>Trims and upper-cases; does not validate.</summary>
    public static string Normalize(string? value) => (value ?? "").Trim().ToUpperInvariant();

    /// <summary>Null when <paramref name="number"/> (and for a passport <paramref name="country"/>) is valid for <paramref name="type"/>.</summary>
    public static IdentifierProblem? Check(IdDocumentType type, string? number, string? country, DateOnly today)
    {
        if (type == IdDocumentType.None)
        {
            return string.IsNullOrWhiteSpace(number) ? null : IdentifierProblem.NotExpected;
        }

        if (string.IsNullOrWhiteSpace(number))
        {
            return IdentifierProblem.Missing;
        }

        var id = Normalize(number);
        return type switch
        {
            IdDocumentType.ResidentId => ResidentId.Check(id, today),
            IdDocumentType.ForeignPermanentResident => id.Length == 15 ? OldPermanentResidentCard(id, today) : NewPermanentResidentCard(id, today),
            IdDocumentType.HkMacauResidencePermit => ResidencePermit(id, today, "810000", "820000"),
            IdDocumentType.TaiwanResidencePermit => ResidencePermit(id, today, "830000"),
            IdDocumentType.HkMacauTravelPermit => id.Length is 9 or 11
                ? (id[0] is 'H' or 'M' && AllDigits(id.AsSpan(1)) ? null : IdentifierProblem.BadCharacters)
                : IdentifierProblem.WrongLength,
            IdDocumentType.TaiwanTravelPermit => id.Length is 8 or 10
                ? (AllDigits(id) ? null : IdentifierProblem.BadCharacters)
                : IdentifierProblem.WrongLength,
            IdDocumentType.Passport => Passport(id, country),
            _ => IdentifierProblem.BadCharacters,
        };
    }

    public static bool IsValid(IdDocumentType type, string? number, string? country, DateOnly today) =>
        Check(type, number, country, today) is null;

    /// <summary>The 2023 card: 18 digits, 9, the accepting province, the nationality code, the birth date, GB 11643 check.</summary>
    private static IdentifierProblem? NewPermanentResidentCard(string id, DateOnly today)
    {
        if (id.Length != 18)
        {
            return IdentifierProblem.WrongLength;
        }

        if (!AllDigits(id.AsSpan(0, 17)) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
        {
            return IdentifierProblem.BadCharacters;
        }

        if (id[0] != '9' || !ResidentId.IsProvinceCode(id.AsSpan(1, 2)))
        {
            return IdentifierProblem.BadRegion;
        }

        if (!BirthDate(id.AsSpan(6, 8), "yyyyMMdd", today))
        {
            return IdentifierProblem.BadBirthDate;
        }

        return id[17] == ResidentId.CheckCharacterFor(id.AsSpan(0, 17)) ? null : IdentifierProblem.BadCheckCharacter;
    }

    /// <summary>
    /// The 2004 card: 3 letters of nationality, 4 digits of the accepting place (province first), the birth date as
    /// yyMMdd, a sequence digit and a check digit: the first 14 characters (letters A=10 … Z=35) weighted 7, 3, 1 in turn,
    /// summed, modulo 10.
    /// </summary>
    private static IdentifierProblem? OldPermanentResidentCard(string id, DateOnly today)
    {
        if (!char.IsAsciiLetterUpper(id[0]) || !char.IsAsciiLetterUpper(id[1]) || !char.IsAsciiLetterUpper(id[2]) || !AllDigits(id.AsSpan(3)))
        {
            return IdentifierProblem.BadCharacters;
        }

        if (!ResidentId.IsProvinceCode(id.AsSpan(3, 2)))
        {
            return IdentifierProblem.BadRegion;
        }

        if (!BirthDate(id.AsSpan(7, 6), "yyMMdd", today))
        {
            return IdentifierProblem.BadBirthDate;
        }

        return id[14] - '0' == OldCardCheckDigit(id.AsSpan(0, 14)) ? null : IdentifierProblem.BadCheckCharacter;
    }

    /// <summary>The check digit of the 2004 permanent residence card for its first 14 characters.</summary>
    public static int OldCardCheckDigit(ReadOnlySpan<char> first14)
    {
        if (first14.Length != 14)
        {
            throw new ArgumentException("Exactly 14 characters are needed.", nameof(first14));
        }

        ReadOnlySpan<int> weights = [7, 3, 1];
        var sum = 0;
        for (var i = 0; i < 14; i++)
        {
            var c = first14[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * weights[i % 3];
        }

        return sum % 10;
    }

    private static IdentifierProblem? ResidencePermit(string id, DateOnly today, params string[] prefixes)
    {
        if (id.Length != 18)
        {
            return IdentifierProblem.WrongLength;
        }

        if (!AllDigits(id.AsSpan(0, 17)) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
        {
            return IdentifierProblem.BadCharacters;
        }

        if (!prefixes.Any(p => id.StartsWith(p, StringComparison.Ordinal)))
        {
            return IdentifierProblem.BadRegion;
        }

        if (!BirthDate(id.AsSpan(6, 8), "yyyyMMdd", today))
        {
            return IdentifierProblem.BadBirthDate;
        }

        return id[17] == ResidentId.CheckCharacterFor(id.AsSpan(0, 17)) ? null : IdentifierProblem.BadCheckCharacter;
    }

    private static IdentifierProblem? Passport(string id, string? country)
    {
        var code = Normalize(country);
        if (code.Length == 0)
        {
            return IdentifierProblem.CountryMissing;
        }

        if (code.Length != CountryCodeLength || !code.All(char.IsAsciiLetterUpper))
        {
            return IdentifierProblem.BadCountry;
        }

        if (id.Length is < MinPassportLength or > MaxPassportLength)
        {
            return IdentifierProblem.WrongLength;
        }

        return id.All(char.IsAsciiLetterOrDigit) ? null : IdentifierProblem.BadCharacters;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool BirthDate(ReadOnlySpan<char> text, string format, DateOnly today) =>
        DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var born)
        && born <= today && born.Year >= 1900;
}
