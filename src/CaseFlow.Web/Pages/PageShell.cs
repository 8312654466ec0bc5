using CaseFlow.Data.Users;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Pages;

/// <summary>
/// What every page of one request shares: the language, the signed-in user and the header's figures. Filled in by
/// <see cref="AppPageModel"/> before a handler runs; the layout reads it.
/// </summary>
public sealed class PageShell
{
    public const string LanguageCookie = "caseflow.lang";

    public MessageLanguage Language { get; set; } = MessageLanguage.Chinese;

    public bool English => Language == MessageLanguage.English;

    public CurrentUser? User { get; set; }

    public UserAccount? Account { get; set; }

    /// <summary>Cases waiting at a township user's unit; null for other roles.</summary>
    public int? InboxCount { get; set; }

    /// <summary>
    /// The signed-in user's unread notices (to them and to their unit): the header's bell, counted no further than
    /// <see cref="Data.Notifications.NotificationStore.BellCap"/>.
    /// </summary>
    public long UnreadNotices { get; set; }

    /// <summary>The bell's figure: the count, or "99+" from the cap on (where the count stops being exact).</summary>
    public string UnreadText => UnreadNotices >= Data.Notifications.NotificationStore.BellCap
        ? PageText.Number(Data.Notifications.NotificationStore.BellCap - 1) + "+"
        : PageText.Number(UnreadNotices);
    /// <summary>Calendar years missing now, shown to admins and managers on every page; empty for other roles.</summary>
    public IReadOnlyList<int> MissingCalendarYears { get; set; } = [];

    /// <summary>The text in the page's language.</summary>
    public string T(string zh, string en) => English ? en : zh;

    public bool Can(string policy) =>
        User is { } user && Policies.RolesByPolicy.TryGetValue(policy, out var roles) && user.IsInAnyRole(roles);
}
