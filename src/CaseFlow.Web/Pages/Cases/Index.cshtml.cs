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
public sealed class IndexModel(CaseQueries queries, PageQueries pageQueries, TimeProvider time) : AppPageModel
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

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    /// <summary>A case an action just moved out of my units (an escalation above them).</summary>
    [BindProperty(SupportsGet = true)]
    public long? Moved { get; set; }

    public bool Mine => Tab == "mine";

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public CaseRows Rows { get; private set; } = new("cases", [], default);

    public long Total { get; private set; }

    public int CurrentPage => PageNumber ?? 1;

    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync()
    {
        var now = time.GetUtcNow();
        var ct = HttpContext.RequestAborted;
        if (Mine)
        {
            var mine = await pageQueries.AssignedAsync(Me, ct);
            Rows = new CaseRows("my-cases", mine, now);
            Total = mine.Count;
            return;
        }

        // Open cases unless the filter says otherwise: a workbench is for work still to do.
        var query = new CaseListQuery(State, Color, Level, Unit, Overdue, DueWithinHours, Text, Open ?? true, PageNumber, PageSize);
        var (errors, filter) = CaseEndpoints.ToFilter(query);
        if (filter is null)
        {
            Errors = new FormErrors(errors, Language);
            Rows = new CaseRows("unit-cases", [], now);
            return;
        }

        var page = await queries.ListAsync(filter, Me.Viewer, ct);
        Rows = new CaseRows("unit-cases", page.Items, now);
        Total = page.Total;
    }

    /// <summary>This list's address with one parameter changed (paging, tabs).</summary>
    public string With(string key, string? value)
    {
        var pairs = Request.Query.Where(q => !string.Equals(q.Key, key, StringComparison.OrdinalIgnoreCase) && q.Key != "lang")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        if (value is not null)
        {
            pairs = pairs.Append(new KeyValuePair<string, string?>(key, value));
        }

        return "/cases" + QueryString.Create(pairs).ToUriComponent();
    }
}
