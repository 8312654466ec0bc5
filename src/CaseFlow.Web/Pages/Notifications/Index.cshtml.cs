using CaseFlow.Data.Notifications;
using CaseFlow.Web.Notifications;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Notifications;

/// <summary>The signed-in user's notices, newest first, filtered by kind; mark one or all read (the API's store and checks).</summary>
public sealed class IndexModel(NotificationStore store) : AppPageModel
{
    public const int PageSize = NotificationEndpoints.DefaultPageSize;

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Unread { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public NotificationPage Notices { get; private set; } = new([], 0, 0);

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public int CurrentPage => PageNumber ?? 1;

    public int PageCount => (int)Math.Max(1, (Notices.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync()
    {
        var errors = NotificationEndpoints.Check(new NotificationQuery(Kind, Unread, PageNumber, PageSize));
        if (!errors.IsEmpty)
        {
            Errors = new FormErrors(errors, Language);
            return;
        }

        Notices = await store.ListAsync(
            NotificationEndpoints.ReaderOf(Me), string.IsNullOrWhiteSpace(Kind) ? null : Kind.Trim(), Unread ?? false,
            (CurrentPage - 1) * PageSize, PageSize, HttpContext.RequestAborted);
    }

    /// <summary>Marks one notice read and comes back to the same list (its filters and page).</summary>
    public async Task<IActionResult> OnPostReadAsync(long id)
    {
        if (!await store.MarkReadAsync(NotificationEndpoints.ReaderOf(Me), id, Me.ToAuditActor(), HttpContext.RequestAborted))
        {
            return Status(StatusCodes.Status404NotFound);
        }

        return Redirect(ListAddress());
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await store.MarkAllReadAsync(NotificationEndpoints.ReaderOf(Me), Me.ToAuditActor(), HttpContext.RequestAborted);
        return Redirect(ListAddress());
    }

    /// <summary>This list's address with its filters and, unless told otherwise, its page.</summary>
    public string ListAddress(int? page = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(Kind))
        {
            pairs.Add(new("kind", Kind));
        }

        if (Unread == true)
        {
            pairs.Add(new("unread", "true"));
        }

        var p = page ?? PageNumber;
        if (p is > 1)
        {
            pairs.Add(new("page", p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return "/notifications" + QueryString.Create(pairs).ToUriComponent();
    }
}
