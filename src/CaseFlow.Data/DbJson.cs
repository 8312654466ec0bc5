using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace CaseFlow.Data;

/// <summary>How JSON columns (risk_rules, case_events.data, audit_log.detail) are written: camelCase, Chinese kept readable.</summary>
public static class DbJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // The default encoder escapes every non-ASCII character; a DBA reading audit_log should see 张三, not \u5F20\u4E09.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The JSON text of <paramref name="value"/>, or null for null.</summary>
    public static string? Serialize<T>(T? value) => value is null ? null : JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
}
