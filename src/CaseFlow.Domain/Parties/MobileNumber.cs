namespace CaseFlow.Domain.Parties;

/// <summary>Mainland China mobile numbers: 11 digits starting 13–19; a +86 or 0086 prefix, spaces and dashes are accepted.</summary>
public static class MobileNumber
{
    /// <summary>The bare 11 digits, or the trimmed input when it cannot be reduced to them.</summary>
    public static string Normalize(string value)
    {
        Span<char> digits = stackalloc char[value.Length];
        var n = 0;
        foreach (var c in value)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            digits[n++] = c;
        }

        var s = digits[..n];
        if (s.StartsWith("+86", StringComparison.Ordinal))
        {
            s = s[3..];
        }
        else if (s.StartsWith("0086", StringComparison.Ordinal))
        {
            s = s[4..];
        }

        return s.ToString();
    }

    public static IdentifierProblem? Check(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return IdentifierProblem.Missing;
        }

        var number = Normalize(value);
        if (number.Length != 11)
        {
            return IdentifierProblem.WrongLength;
        }

        foreach (var c in number)
        {
            if (!char.IsAsciiDigit(c))
            {
                return IdentifierProblem.BadCharacters;
            }
        }

        return number[0] == '1' && number[1] is >= '3' and <= '9' ? null : IdentifierProblem.BadRegion;
    }

    public static bool IsValid(string? value) => Check(value) is null;
}
