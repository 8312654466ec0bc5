using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace CaseFlow.Web.Problems;

/// <summary>
/// The words of every problem response written in English at its source (the fixed titles and details of
/// sign-in, refusals, CSRF, unreadable requests, and the framework's own status titles), in Chinese: applied to each
/// problem as it is written, in the caller's language (<c>Accept-Language</c>; Chinese unless English is preferred).
/// Titles already in the caller's language (validation, workflow refusals) pass through unchanged.
/// </summary>
internal static partial class ProblemText
{
    private static readonly Dictionary<string, string> Chinese = new(StringComparer.Ordinal)
    {
        // Ours.
        ["Sign in first."] = "请先登录。",
        ["This request needs a signed-in session."] = "此请求需要先登录。",
        ["The account is no longer active."] = "该账户已停用。",
        ["You may not do this."] = "您无权执行此操作。",
        ["This is not allowed for your account."] = "您的账户不能执行此操作。",
        ["This action needs another role."] = "此操作需要其他角色。",
        ["Missing or invalid CSRF token."] = "缺少防跨站请求令牌（CSRF）或令牌无效。",
        ["Sign-in failed."] = "登录失败。",
        ["The username or password is not correct, or the account is locked."] = "用户名或密码不正确，或账户已被锁定。",
        ["The request body is too large."] = "请求内容过大。",
        ["The request body is not valid JSON for this endpoint."] = "请求内容不是此接口能读取的 JSON。",
        ["The JSON could not be read."] = "无法读取该 JSON。",
        ["The request could not be read."] = "无法读取该请求。",
        ["A route, query or body value is missing or has the wrong format."] = "地址、查询参数或请求内容中的某个值缺失或格式不正确。",
        ["The request could not be processed."] = "无法处理该请求。",
        ["An unexpected error occurred."] = "服务器发生意外错误，请稍后重试。",

        // The framework's defaults (ProblemDetailsDefaults), for statuses answered without a title of ours.
        ["Bad Request"] = "请求有误",
        ["Unauthorized"] = "请先登录",
        ["Forbidden"] = "无权访问",
        ["Not Found"] = "未找到",
        ["Method Not Allowed"] = "不支持该请求方法",
        ["Not Acceptable"] = "无法提供所要求的格式",
        ["Request Timeout"] = "请求超时",
        ["Conflict"] = "冲突",
        ["Gone"] = "已不存在",
        ["Precondition Failed"] = "前提条件不满足",
        ["Payload Too Large"] = "请求内容过大",
        ["Unsupported Media Type"] = "不支持的内容类型",
        ["Unprocessable Entity"] = "无法处理的内容",
        ["Precondition Required"] = "缺少前提条件",
        ["Too Many Requests"] = "请求过于频繁",
        ["An error occurred while processing your request."] = "处理请求时发生错误。",
        ["One or more validation errors occurred."] = "提交的数据有误。",
        ["Internal Server Error"] = "服务器内部错误",
        ["Service Unavailable"] = "服务暂不可用",
    };

    /// <summary>The text in <paramref name="language"/>: itself in English, its Chinese words when there are any.</summary>
    public static string? In(string? text, MessageLanguage language)
    {
        if (text is null || language == MessageLanguage.English)
        {
            return text;
        }

        if (Chinese.TryGetValue(text, out var chinese))
        {
            return chinese;
        }

        if (AtMostBytes().Match(text) is { Success: true } atMost)
        {
            return $"最多接受 {atMost.Groups[1].Value} 字节。";
        }

        if (ValueAt().Match(text) is { Success: true } valueAt)
        {
            return $"无法读取 {valueAt.Groups[1].Value} 处的值。";
        }

        if (NeedsRoles().Match(text) is { Success: true } roles)
        {
            var names = roles.Groups[1].Value.Split(", ").Select(r => CaseFlow.Web.Pages.PageText.Role(r, language));
            return $"需要以下角色之一：{string.Join("、", names)}。";
        }

        return text.StartsWith("Send the token from GET /api/v1/auth/csrf", StringComparison.Ordinal)
            ? "请在 X-CSRF-TOKEN 请求头中发送从 GET /api/v1/auth/csrf（登录后获取）得到的令牌。"
            : text;
    }

    /// <summary>Puts a problem's title and detail into the caller's language; for <c>ProblemDetailsOptions.CustomizeProblemDetails</c>.</summary>
    public static void Localize(ProblemDetailsContext context)
    {
        var language = RequestLanguage.Of(context.HttpContext.Request);
        context.ProblemDetails.Title = In(context.ProblemDetails.Title, language);
        context.ProblemDetails.Detail = In(context.ProblemDetails.Detail, language);
    }

    [GeneratedRegex(@"^At most (\d+) bytes are accepted\.$")]
    private static partial Regex AtMostBytes();

    [GeneratedRegex(@"^The value at (.+) could not be read\.$")]
    private static partial Regex ValueAt();

    [GeneratedRegex(@"^This (?:page )?needs one of the roles: (.+)\.$")]
    private static partial Regex NeedsRoles();
}
