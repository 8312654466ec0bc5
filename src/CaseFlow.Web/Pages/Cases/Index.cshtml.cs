using CaseFlow.Data.Cases;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Cases;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Cases;

/// <summary>A list of cases for <c>_CaseRows</c>.</summary>
public sealed record CaseRows(string Id, IReadOnlyList<CaseListItem> Items, DateTimeOffset Now);

/// <summary>
/// The workbench: the cases assigned to me, and my units' cases most urgent first with filters and paging
/// (the API's list query and the same filter checks).
/// </summary>
public sealed class IndexModel(CaseQueries queries, PageQueries pageQueries, NumberSearch numberSearch, TimeProvider time) : AppPageModel
{
    public const int PageSize = 20;

    public static readonly IReadOnlyList<CaseState> StateChoices =
    [
        CaseState.Level1, CaseState.Level2, CaseState.Level3,
        CaseState.Level1AwaitingAcceptance, CaseState.Level1InMediation,
        CaseState.Level2AwaitingAcceptance, CaseState.Level2InMediation,
        CaseState.Level3AwaitingAcceptance, CaseState.Level3InMediation,
        CaseState.AgreementReached, CaseState.Resolved, CaseState.MediationFailed, CaseState.Referred,
        CaseState.Closed, CaseState.Withdrawn, CaseState.Rejected,
    ];

    [BindProperty(SupportsGet = true)]
    public string? Tab { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Color { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DueWithinHours { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Open { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? NoLevel { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Recovered { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? ReceivedFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? ReceivedTo { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? ClosedFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? ClosedTo { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    /// <summary>The cursor of the page shown: the list continues after it (keyset paging).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>The cursor of the next page, null on the last page.</summary>
    public string? Next { get; private set; }

    /// <summary>The total stopped counting at <see cref="CaseQueries.TotalCap"/>: "1,000+".</summary>
    public bool TotalIsCapped { get; private set; }

    /// <summary>The total as shown: exact, or "1,000+" above the cap.</summary>
    public string TotalText => TotalIsCapped
        ? Total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "+"
        : Total.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A case an action just moved out of my units (an escalation above them).</summary>
    [BindProperty(SupportsGet = true)]
    public long? Moved { get; set; }

    /// <summary>The case named by <see cref="Moved"/>, when this session's own action moved it just now.</summary>
    public MovedCase? MovedCase { get; private set; }

    public bool Mine => Tab == "mine";

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public CaseRows Rows { get; private set; } = new("cases", [], default);

    public long Total { get; private set; }

    public int CurrentPage => PageNumber ?? 1;

    /// <summary>Not the first page: reached by a cursor or a page number.</summary>
    public bool PastFirstPage => After is not null || CurrentPage > 1;

    /// <summary>Referrals of the caller's cases past their acknowledgement or outcome time (none for a partner: theirs are on each case).</summary>
    public Data.Partners.OverdueReferrals OverdueReferrals { get; private set; } = Data.Partners.OverdueReferrals.None;

    public async Task OnGetAsync()
    {
        var now = time.GetUtcNow();
        var ct = HttpContext.RequestAborted;
        if (!Me.IsPartner)
        {
            OverdueReferrals = await HttpContext.RequestServices.GetRequiredService<Data.Partners.ReferralStore>().OverdueAsync(Me.Viewer, OverdueReferralsPanel.Shown, ct);
        }

        MovedCase = Cases.MovedCase.Read(TempData[Cases.MovedCase.Key]) is { } moved && moved.Id == Moved ? moved : null;
        if (Mine)
        {
            var mine = await pageQueries.AssignedAsync(Me, ct);
            Rows = new CaseRows("my-cases", mine, now);
            Total = mine.Count;
            return;
        }

        // Open cases unless the filter says otherwise: a workbench is for work still to do.
        var (errors, filter) = CaseEndpoints.ToFilter(Query(Text));
        if (filter is null)
        {
            Errors = new FormErrors(errors, Language);
            Rows = new CaseRows("unit-cases", [], now);
            return;
        }

        var page = await queries.ListAsync(filter, Me.Viewer, ct);
        Rows = new CaseRows("unit-cases", page.Items, now);
        Total = page.Total;
        TotalIsCapped = page.TotalIsCapped;
        Next = page.Next;
        SearchTooBroad = page.SearchTooBroad;
    }

    /// <summary>The text search reached one of its bounds: the list shows what it found, most urgent first.</summary>
    public bool SearchTooBroad { get; private set; }

    /// <summary>
    /// The filter form posts: a whole ID-card or phone number in the search box is looked up by its keyed hash and
    /// the result drawn here, so the number never appears in an address (history, proxy logs); any other search
    /// goes back to the list's plain GET address.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (PartyNumbers.KindOf(Text) is null)
        {
            return Redirect(With("page", null));
        }

        var now = time.GetUtcNow();
        var (errors, filter) = CaseEndpoints.ToFilter(Query(null));
        if (filter is null)
        {
            Errors = new FormErrors(errors, Language);
            Rows = new CaseRows("unit-cases", [], now);
            return Page();
        }

        var page = await numberSearch.SearchAsync(filter, Text!, Me, HttpContext.RequestAborted);
        Rows = new CaseRows("unit-cases", page.Items, now);
        Total = page.Total;
        TotalIsCapped = page.TotalIsCapped;
        SearchedByNumber = true;
        return Page();
    }

    /// <summary>The result shown is a search by a party's number (drawn from a POST, never linked to).</summary>
    public bool SearchedByNumber { get; private set; }

    /// <summary>Whether the list is narrowed by a filter only the dashboard's links set.</summary>
    public bool FromDashboard =>
        Unit is not null || DueWithinHours is not null || NoLevel is not null || Recovered is not null || Overdue == false
        || ReceivedFrom is not null || ReceivedTo is not null || ClosedFrom is not null || ClosedTo is not null;

    // Open cases unless the filter says otherwise: a workbench is for work still to do.
    private CaseListQuery Query(string? text) => new(
        State, Color, Level, Unit, Overdue, DueWithinHours, text, Open ?? true, PageNumber, PageSize,
        NoLevel, Recovered, ReceivedFrom, ReceivedTo, ClosedFrom, ClosedTo, HttpMethods.IsPost(Request.Method) ? null : After);

    /// <summary>This list's address with one parameter changed (paging, tabs); any other position (page, after) is dropped.</summary>
    public string With(string key, string? value)
    {
        // After a POST the filters are in the form; a party's number is never put into an address.
        var fields = HttpMethods.IsPost(Request.Method) && Request.HasFormContentType
            ? Request.Form.Where(f => !f.Key.StartsWith("__", StringComparison.Ordinal)).Select(f => (f.Key, f.Value))
            : Request.Query.Select(q => (q.Key, q.Value));
        var pairs = fields
            .Where(q => !string.Equals(q.Key, key, StringComparison.OrdinalIgnoreCase) && q.Key != "lang")
            .Where(q => !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "after", StringComparison.OrdinalIgnoreCase))
            .Where(q => !(string.Equals(q.Key, "text", StringComparison.OrdinalIgnoreCase) && q.Value.Any(v => PartyNumbers.KindOf(v) is not null)))
            .Where(q => q.Value.Any(v => !string.IsNullOrEmpty(v)))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        if (value is not null)
        {
            pairs = pairs.Append(new KeyValuePair<string, string?>(key, value));
        }

        return "/cases" + QueryString.Create(pairs).ToUriComponent();
    }
}
