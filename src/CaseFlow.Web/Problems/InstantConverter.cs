using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaseFlow.Web.Problems;

/// <summary>
/// Reads an instant from the API only with its offset (<c>2026-11-20T09:30:00+08:00</c> or <c>…Z</c>). Without one,
/// System.Text.Json would take the server's own zone (UTC on a container), so a China-time receipt typed without
/// an offset would land eight hours late; such a value is refused as a field error instead.
/// </summary>
internal sealed class InstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException();
        }

        var text = reader.GetString() ?? "";
        if (!HasOffset(text))
        {
            throw new MissingOffsetException();
        }

        return reader.TryGetDateTimeOffset(out var value) ? value : throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    /// <summary>Whether the text after the date part ends in Z or a ±hh:mm offset.</summary>
    internal static bool HasOffset(string text)
    {
        var t = text.AsSpan().Trim();
        if (t.Length <= 10 || (t[10] != 'T' && t[10] != 't'))
        {
            return false;
        }

        if (t[^1] is 'Z' or 'z')
        {
            return true;
        }

        var sign = t[10..].LastIndexOfAny('+', '-');
        return sign > 0;
    }
}

/// <summary>An instant sent without its offset; the problem handler answers it as a field error (<see cref="ValidationMessages.OffsetRequired"/>).</summary>
internal sealed class MissingOffsetException : JsonException
{
    public MissingOffsetException()
        : base("An instant must carry its offset, e.g. +08:00.")
    {
    }
}
