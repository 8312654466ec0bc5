using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CaseFlow.Data.Cases;

/// <summary>
/// Where a page of the case list ends, as the list's own order sees it: the segment (a colour, red first, with or
/// without a deadline), the deadline and the id of the last row. Handed to clients as an opaque text; a text that is not
/// one this class wrote is refused (<see cref="TryParse"/>), and a well-formed one only says where to continue: the
/// rows after it are still filtered by the viewer's jurisdiction.
/// </summary>
public sealed record CaseCursor
{
    /// <summary>Colours in list order: red, orange, yellow, then not graded yet.</summary>
    internal static readonly int?[] Colors = [3, 2, 1, null];

    /// <summary>How many segments the order has: each colour with a deadline, then without one.</summary>
    internal const int SegmentCount = 8;

    private const string Version = "k1";

    internal CaseCursor(int segment, DateTimeOffset? due, long id)
    {
        Segment = segment;
        Due = due;
        Id = id;
    }

    /// <summary>0..7: colour index × 2, plus 1 for the cases with no deadline.</summary>
    internal int Segment { get; }

    internal DateTimeOffset? Due { get; }

    internal long Id { get; }

    /// <summary>The segment a row falls in.</summary>
    internal static int SegmentOf(int? riskColor, DateTimeOffset? nextDue) =>
        (Array.IndexOf(Colors, riskColor is >= 1 and <= 3 ? riskColor : null) * 2) + (nextDue is null ? 1 : 0);

    internal static CaseCursor After(int? riskColor, DateTimeOffset? nextDue, long id) => new(SegmentOf(riskColor, nextDue), nextDue, id);

    /// <summary>The opaque text of the cursor (URL-safe).</summary>
    public string Encode()
    {
        var due = Due is { } d ? d.UtcTicks.ToString(CultureInfo.InvariantCulture) : "-";
        var text = string.Create(CultureInfo.InvariantCulture, $"{Version}.{Segment}.{due}.{Id}");
        return Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
    }

    public override string ToString() => Encode();

    /// <summary>Reads a text <see cref="Encode"/> wrote; false for anything else (edited, truncated, made up).</summary>
    public static bool TryParse(string? text, out CaseCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 80 || !Base64Url.IsValid(text))
        {
            return false;
        }

        string plain;
        try
        {
            plain = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = plain.Split('.');
        if (parts.Length != 4 || parts[0] != Version
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var segment) || segment is < 0 or >= SegmentCount
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return false;
        }

        var undated = segment % 2 == 1;
        DateTimeOffset? due = null;
        if (parts[2] == "-")
        {
            if (!undated)
            {
                return false;
            }
        }
        else if (undated
                 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                 || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }
        else
        {
            due = new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        // Only the canonical text: a second spelling of the same position would be a tampered one.
        cursor = new CaseCursor(segment, due, id);
        if (cursor.Encode() != text)
        {
            cursor = null;
            return false;
        }

        return true;
    }
}
