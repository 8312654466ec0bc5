namespace CaseFlow.Domain.Parties;

/// <summary>
/// How personal numbers are shown to everyone who has not revealed them (DESIGN §8):
/// 110101********1234 and 138****5678.
/// </summary>
public static class Masking
{
    public static string IdNumber(string? value) => Keep(value, head: 6, tail: 4);

    public static string Phone(string? value) => Keep(value, head: 3, tail: 4);

    /// <summary>
    /// Any identity document's number: the long ones (resident ID, residence permits, permanent residence cards) as
    /// <see cref="IdNumber"/>, the short ones (travel permits, passports) keeping two characters at each end: H1*******90.
    /// </summary>
    public static string Document(string? value) =>
        value is { Length: > 0 and <= 12 } ? Keep(value, head: 2, tail: 2) : IdNumber(value);

    private static string Keep(string? value, int head, int tail)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        // Too short to keep both ends without giving the whole number away: mask it all.
        if (value.Length <= head + tail)
        {
            return new string('*', value.Length);
        }

        return string.Create(value.Length, (value, head, tail), static (span, s) =>
        {
            s.value.AsSpan(0, s.head).CopyTo(span);
            span[s.head..^s.tail].Fill('*');
            s.value.AsSpan(s.value.Length - s.tail).CopyTo(span[^s.tail..]);
        });
    }
}
