using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CaseFlow.Web.Audit;

/// <summary>
/// Where a page of the audit list (newest first, by <c>(at, id)</c>) ends: the instant and id of its last row, as an
/// opaque URL-safe text. Only a text this class wrote is accepted (<see cref="TryParse"/>).
/// </summary>
public sealed record AuditCursor(DateTimeOffset At, long Id)
{
    private const string Version = "a1";

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}.{At.UtcTicks}.{Id}")));

    public static bool TryParse(string? text, out AuditCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 80 || !Base64Url.IsValid(text))
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split('.');
        if (parts.Length != 3 || parts[0] != Version
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return false;
        }

        var parsed = new AuditCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        if (parsed.Encode() != text)
        {
            return false;
        }

        cursor = parsed;
        return true;
    }
}
