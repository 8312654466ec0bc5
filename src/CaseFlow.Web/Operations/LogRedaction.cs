using System.Text.RegularExpressions;
using CaseFlow.Domain.Parties;

namespace CaseFlow.Web.Operations;

/// <summary>
/// Masks ID-card and mobile numbers in text bound for the log (a path, a query, an exception message), as the pages
/// mask them: 110101********1234, 138****5678. The log is read by more people than may see a party's numbers.
/// </summary>
public static partial class LogRedaction
{
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var masked = IdNumberPattern().Replace(text, m => Masking.IdNumber(m.Value));
        return MobilePattern().Replace(masked, m => Masking.Phone(m.Value));
    }

    // 18-character resident IDs (the last may be X) and the old 15-digit ones, not inside a longer run of digits.
    [GeneratedRegex(@"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex IdNumberPattern();

    // Mainland mobile numbers, also after +86 or 86.
    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();
}
