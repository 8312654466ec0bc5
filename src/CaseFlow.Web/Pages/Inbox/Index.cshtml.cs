using CaseFlow.Data.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Cases.Actions;
using CaseFlow.Web.Pages.Cases;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Inbox;

/// <summary>
/// The township inbox: cases waiting for my unit to accept them, the acceptance time that runs out first on top;
/// accept and assign a mediator in one step (the API's accept action). The page shows <see cref="PageSize"/> rows at a
/// time: each row carries its own accept form with the unit's mediators, and a surge at one town (a hundred cases) would
/// otherwise draw a hundred of them where the first ones are the work at hand.
/// </summary>
public sealed class IndexModel(
    CaseCommands commands, CaseQueries queries, PageQueries pageQueries, Domain.Calendar.DeadlineCalculator calculator, TimeProvider time) : AppPageModel
{
    /// <summary>Rows per page, as on the workbench.</summary>
    public const int PageSize = 20;

    protected override string? Policy => Policies.CanActOnCases;

    /// <summary>The rows of the page shown.</summary>
    public IReadOnlyList<InboxItem> Items { get; private set; } = [];

    public IReadOnlyList<MediatorChoice> Mediators { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>The case whose accept form was posted, its errors and any refusal.</summary>
    public long? FailedCase { get; private set; }

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public string? Problem { get; private set; }

    public IReadOnlyList<string> ProblemReasons { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Accepted { get; set; }

    /// <summary>Every case awaiting acceptance, across the pages.</summary>
    public int Total { get; private set; }

    public int CurrentPage { get; private set; } = 1;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The position of the page's first row, from 1 (0 when the inbox is empty).</summary>
    public int FirstRow => Total == 0 ? 0 : ((CurrentPage - 1) * PageSize) + 1;

    public int LastRow => ((CurrentPage - 1) * PageSize) + Items.Count;

    /// <summary>The inbox's address at <paramref name="page"/>; page 1 is the plain address.</summary>
    public static string PageAddress(int page) => page <= 1 ? "/inbox" : "/inbox?page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The page number comes from the query or the posted row ("page" is also Razor Pages' own route value, so it is not a bound property).
    public async Task OnGetAsync([FromQuery(Name = "page")] int? page) => await LoadAsync(page);

    public async Task<IActionResult> OnPostAcceptAsync(long id, int? version, [FromForm(Name = "page")] int? page)
    {
        // The inbox row posts the accept action's own fields, unprefixed (mediatorId, reason).
        var errors = new ValidationErrors();
        var accept = CaseActionRegistry.For(Domain.Cases.CaseTrigger.Accept)!;
        var request = accept.FromForm(new FormFields(Request.Form, "", errors));
        var outcome = errors.IsEmpty
            ? await CaseActions.FireAsync(id, accept.Name, request, version, errors, Me, Language, commands, queries, calculator, time, HttpContext.RequestAborted)
            : new ActionOutcome.Invalid(errors);
        if (ActionOutcomes.ToPage(outcome, Language) is not { } problem)
        {
            var back = PageAddress(page ?? 1);
            return Redirect(outcome is ActionOutcome.Done { Case: { } done }
                ? back + (back.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "accepted=" + Uri.EscapeDataString(done.Number)
                : back);
        }

        Errors = problem.Errors is { } invalid ? new FormErrors(invalid, Language) : FormErrors.None;
        Problem = problem.Status == StatusCodes.Status404NotFound ? T("该案件已不在您的待受理列表中。", "That case is no longer in your inbox.") : problem.Title;
        ProblemReasons = problem.Reasons;
        Response.StatusCode = problem.Status;
        FailedCase = id;
        await LoadAsync(page);
        return Page();
    }

    /// <summary>Reads the inbox and shows <paramref name="page"/> (from 1); one past the last shows the last, as when a case accepted from the last page empties it.</summary>
    private async Task LoadAsync(int? page)
    {
        var ct = HttpContext.RequestAborted;
        Now = time.GetUtcNow();
        var all = await queries.InboxAsync(Me.UnitId, Me.UnitPath, ct);
        Total = all.Count;
        Shell.InboxCount = Me.IsInRole(Roles.Township) ? all.Count : Shell.InboxCount;
        CurrentPage = Math.Clamp(page ?? 1, 1, PageCount);
        Items = [.. all.Skip((CurrentPage - 1) * PageSize).Take(PageSize)];
        Mediators = Items.Count == 0 ? [] : await pageQueries.MediatorsAsync(Me.UnitId, ct);
    }
}
