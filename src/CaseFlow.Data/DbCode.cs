using System.Collections.Frozen;
using System.Text.Json;

namespace CaseFlow.Data;

/// <summary>
/// Lower-case snake codes for enums stored as text ('walk_in', 'level_limit'), as the schema's comments list
/// them. Workflow states and triggers are stored by their member names instead, so events read as the diagram.
/// </summary>
public static class DbCode
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Codes<TEnum>.ToText[value];

    public static TEnum Parse<TEnum>(string code) where TEnum : struct, Enum =>
        Codes<TEnum>.FromText.TryGetValue(code, out var value)
            ? value
            : throw new FormatException($"'{code}' is not a stored {typeof(TEnum).Name} code.");

    private static class Codes<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ToText =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> FromText =
            ToText.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
