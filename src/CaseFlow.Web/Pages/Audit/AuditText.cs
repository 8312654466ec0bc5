using System.Globalization;
using System.Text.Json;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Pages.Audit;

/// <summary>One field of an audit record's detail, as a person reads it.</summary>
public sealed record AuditField(string Label, string Value);

/// <summary>
/// An audit record in words: what happened, to what, and the detail's fields with their labels and values (text as
/// text, states, dates and reasons in the page's language) instead of the stored JSON.
/// </summary>
public static class AuditText
{
    public static string Action(string code, MessageLanguage language)
    {
        var english = language == MessageLanguage.English;
        return code switch
        {
            LoginHandler.LoginAction => english ? "Signed in" : "登录",
            LoginHandler.FailedAction => english ? "Sign-in failed" : "登录失败",
            LoginHandler.LockedAction => english ? "Account locked" : "账户锁定",
            AuthApi.LogoutAction => english ? "Signed out" : "退出登录",
            CaseFlow.Web.Audit.AuditApi.SearchAction => english ? "Searched the audit log" : "查询审计日志",
            AccessDenials.DeniedAction => english ? "Access refused" : "拒绝访问",
            "case.reveal" => english ? "Revealed full numbers" : "查看完整号码",
            _ when code.StartsWith("case.", StringComparison.Ordinal) =>
                (english ? "Case: " : "案件：") + PageText.Action(JsonNamingPolicy.CamelCase.ConvertName(Pascal(code["case.".Length..])), language),
            _ => code,
        };
    }

    public static string Entity(string entity, MessageLanguage language)
    {
        var english = language == MessageLanguage.English;
        return entity switch
        {
            "case" => english ? "Case" : "案件",
            "user" => english ? "User" : "用户",
            "endpoint" => english ? "Address" : "地址",
            "audit_log" => english ? "Audit log" : "审计日志",
            _ => entity,
        };
    }

    /// <summary>The detail's fields, nested objects flattened (<c>a.b</c>), arrays joined; nothing when there is none.</summary>
    public static IReadOnlyList<AuditField> Fields(JsonElement? detail, MessageLanguage language)
    {
        var fields = new List<AuditField>();
        if (detail is { } d)
        {
            Add(fields, "", d, language);
        }

        return fields;
    }

    private static void Add(List<AuditField> fields, string key, JsonElement value, MessageLanguage language)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in value.EnumerateObject())
                {
                    Add(fields, key.Length == 0 ? p.Name : key + "." + p.Name, p.Value, language);
                }

                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                var text = Value(key, value, language);
                fields.Add(new AuditField(Label(key, language), key.Length == 0 && text.Length == 0 ? "—" : text));
                break;
        }
    }

    private static string Value(string key, JsonElement value, MessageLanguage language) => value.ValueKind switch
    {
        JsonValueKind.String => Words(key, value.GetString() ?? "", language),
        JsonValueKind.Array => string.Join(language == MessageLanguage.English ? ", " : "、", value.EnumerateArray().Select(v => Value(key, v, language))),
        JsonValueKind.True => language == MessageLanguage.English ? "yes" : "是",
        JsonValueKind.False => language == MessageLanguage.English ? "no" : "否",
        _ => value.GetRawText(),
    };

    /// <summary>A stored value in words: a state, an instant in China time, a sign-in failure's reason; else as stored.</summary>
    private static string Words(string key, string text, MessageLanguage language)
    {
        var english = language == MessageLanguage.English;
        if (Enum.TryParse<CaseState>(text, ignoreCase: false, out var state) && !int.TryParse(text, CultureInfo.InvariantCulture, out _))
        {
            return PageText.State(state, language);
        }

        if (text.Length >= 19 && text[4] == '-' && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
        {
            return PageText.Time(instant);
        }

        return (Leaf(key), text) switch
        {
            ("reason", "bad_password") => english ? "wrong password" : "密码错误",
            ("reason", "unknown_user") => english ? "no such user" : "无此用户",
            ("reason", "inactive") => english ? "account deactivated" : "账户已停用",
            ("reason", _) => ProblemText.In(text, language) ?? text,
            _ => text,
        };
    }

    private static string Label(string key, MessageLanguage language)
    {
        var english = language == MessageLanguage.English;
        return Leaf(key).ToLowerInvariant() switch
        {
            "number" => english ? "Case number" : "案号",
            "from" => english ? "From" : "从",
            "to" => english ? "To" : "到",
            "reason" => english ? "Reason" : "原因",
            "purpose" => english ? "Why" : "查看原因",
            "workers" => english ? "Workers" : "人数",
            "method" => english ? "Method" : "请求方法",
            "path" => english ? "Address" : "地址",
            "failedlogincount" => english ? "Failed attempts" : "连续失败次数",
            "lockeduntil" => english ? "Locked until" : "锁定至",
            "username" or "user" => english ? "Username" : "用户名",
            "action" => english ? "Action" : "操作",
            "entity" => english ? "Entity" : "对象类型",
            "entityid" => english ? "Entity id" : "对象编号",
            "page" => english ? "Page" : "页码",
            "pagesize" => english ? "Page size" : "每页条数",
            "" => english ? "Detail" : "详情",
            _ => key,
        };
    }

    private static string Leaf(string key) => key[(key.LastIndexOf('.') + 1)..];

    private static string Pascal(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
