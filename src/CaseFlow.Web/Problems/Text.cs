using System.Globalization;

namespace CaseFlow.Web.Problems;

/// <summary>What a typed name may hold: checks that catch pasted invisible and control characters.</summary>
internal static class Text
{
    /// <summary>
    /// C0/C1 controls (tabs, line breaks, NUL...) and the bidirectional embedding, override and isolate controls,
    /// which can make a name display as something other than what it is.
    /// </summary>
    public static bool HasControlCharacters(string? value) =>
        value is not null && value.Any(c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');

    /// <summary>Whether anything in the value shows on screen: not only spaces, format characters or blank fillers.</summary>
    public static bool HasVisibleCharacter(string? value) =>
        value is not null && value.Any(c => !IsInvisible(c));

    private static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c)
        || char.IsControl(c)
        // Blank letters and the braille blank render as nothing though Unicode calls them letters or symbols.
        || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u180E'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;
}
