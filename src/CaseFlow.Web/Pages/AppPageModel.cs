using CaseFlow.Data.Calendars;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Notifications;
using CaseFlow.Web.Calendars;
using CaseFlow.Data.Users;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseFlow.Web.Pages;

/// <summary>
/// The base of every page: picks the language, loads the signed-in user for the header, sends anonymous visitors
/// to the sign-in page and answers a role that may not see the page with an audited 403, the way the API does.
/// </summary>
public abstract class AppPageModel : PageModel
{
    /// <summary>Whether the page is open without a session (sign-in).</summary>
    protected virtual bool AllowAnonymous => false;

    /// <summary>The policy of <see cref="Policies"/> the page needs, or null for any signed-in user.</summary>
    protected virtual string? Policy => null;

    public PageShell Shell => HttpContext.RequestServices.GetRequiredService<PageShell>();

    public MessageLanguage Language => Shell.Language;

    /// <summary>The signed-in user; set before any handler of a page that needs a session runs.</summary>
    public CurrentUser Me => Shell.User ?? throw new InvalidOperationException("This page has no signed-in user.");

    public string T(string zh, string en) => Shell.T(zh, en);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var shell = Shell;
        shell.Language = ChooseLanguage();
        var ct = HttpContext.RequestAborted;

        if (CurrentUser.From(HttpContext) is { } user)
        {
            var account = await HttpContext.RequestServices.GetRequiredService<UserStore>().FindForSessionAsync(user.Id, ct);
            if (account is { IsActive: true })
            {
                shell.User = user;
                shell.Account = account;
                shell.UnreadNotices = await HttpContext.RequestServices.GetRequiredService<NotificationStore>()
                    .UnreadForBellAsync(new NoticeReader(user.Id, user.UnitId), ct);
                if (user.IsInAnyRole([Roles.Admin, Roles.Manager]))
                {
                    shell.MissingCalendarYears = HttpContext.RequestServices.GetRequiredService<CalendarCache>()
                        .MissingYears(HttpContext.RequestServices.GetRequiredService<TimeProvider>());
                }

            }
            else
            {
                // Deactivated while signed in: the session ends here, as it does on the API.
                await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        }

        if (!AllowAnonymous && shell.User is null)
        {
            context.Result = Redirect("/login?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
            return;
        }

        if (Policy is { } policy && !shell.Can(policy))
        {
            var roles = string.Join(", ", Policies.RolesByPolicy[policy]);
            await HttpContext.RequestServices.GetRequiredService<AccessDenials>()
                .RecordAsync(HttpContext, shell.User!.ToAuditActor(), $"This page needs one of the roles: {roles}.", ct);
            context.Result = Status(StatusCodes.Status403Forbidden);
            return;
        }

        var executed = await next();

        // The header's inbox count, for a page about to be shown; the inbox page has set it from the list it read.
        if (shell.User is { } me && me.IsInRole(Roles.Township) && shell.InboxCount is null
            && executed.Exception is null && executed.Result is not (RedirectResult or LocalRedirectResult or RedirectToPageResult))
        {
            shell.InboxCount = await HttpContext.RequestServices.GetRequiredService<CaseQueries>().InboxCountAsync(me.UnitId, me.UnitPath, ct);
        }
    }

    /// <summary>A page of its own for 403 and 404, inside the layout, with that status.</summary>
    protected PartialViewResult Status(int statusCode)
    {
        var result = Partial("_Status", statusCode);
        result.StatusCode = statusCode;
        return result;
    }

    /// <summary>The language from <c>?lang=</c> (which also sets the cookie), else the cookie, else Chinese.</summary>
    private MessageLanguage ChooseLanguage()
    {
        // A status page drawn for another address reads that address's query (the language switch links to it).
        var query = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalQueryString is { Length: > 0 } original
            ? QueryHelpers.ParseQuery(original)
            : null;
        var asked = (query is not null && query.TryGetValue("lang", out var fromOriginal) ? fromOriginal : Request.Query["lang"]).ToString();
        if (asked is "en" or "zh")
        {
            Response.Cookies.Append(PageShell.LanguageCookie, asked, new CookieOptions
            {
                Path = "/",
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
            return asked == "en" ? MessageLanguage.English : MessageLanguage.Chinese;
        }

        return Request.Cookies[PageShell.LanguageCookie] == "en" ? MessageLanguage.English : MessageLanguage.Chinese;
    }
}
