namespace CaseFlow.Domain.Parties;

/// <summary>Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters, the last a check character.</summary>
public static class CreditCode
{
    // The code alphabet leaves out I, O, S, V and Z, which read too much like digits.
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static ReadOnlySpan<int> Weights => [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static string Normalize(string value) => value.Trim().ToUpperInvariant();

    /// <summary>Null when the code is valid, otherwise why not.</summary>
    public static IdentifierProblem? Check(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return IdentifierProblem.Missing;
        }

        var code = Normalize(value);
        if (code.Length != 18)
        {
            return IdentifierProblem.WrongLength;
        }

        foreach (var c in code)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return IdentifierProblem.BadCharacters;
            }
        }

        return code[17] == CheckCharacterFor(code.AsSpan(0, 17)) ? null : IdentifierProblem.BadCheckCharacter;
    }

    public static bool IsValid(string? value) => Check(value) is null;

    /// <summary>The check character for the first 17 characters.</summary>
    public static char CheckCharacterFor(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Exactly 17 characters are needed.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not in the credit-code alphabet.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }
}
