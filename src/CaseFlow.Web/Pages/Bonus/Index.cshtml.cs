using CaseFlow.Data.Evaluation;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Evaluation;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Bonus;

/// <summary>
/// Bonus items (加分项申报与逐级审核): a unit declares an item with a note and an attachment reference; the unit directly
/// above accepts it or rejects it with a reason. Accepted items count on the unit's scorecard.
/// </summary>
public sealed class IndexModel(BonusItemStore bonuses, SchemeStore schemes, OrgStore orgs, TimeProvider time) : AppPageModel
{
    protected override string? Policy => Policies.CanActOnCases;

    public int Year { get; private set; }

    public IReadOnlyList<BonusItem> Items { get; private set; } = [];

    public ScoringScheme Scheme { get; private set; } = ScoringScheme.Default;

    public OrgUnit? MyUnit { get; private set; }

    public ValidationErrors Errors { get; private set; } = new();

    public BonusRequest Form { get; private set; } = new(null, null, null, null, null);

    public string? Done { get; private set; }

    public async Task OnGetAsync(int? year, string? done)
    {
        Done = done;
        await LoadAsync(year);
    }

    public async Task<IActionResult> OnPostDeclareAsync(int? year, string? kind, string? title, string? note, string? attachmentRef)
    {
        Form = new BonusRequest(year, kind, title, note, attachmentRef);
        var (errors, item) = await EvaluationEndpoints.ValidateDeclarationAsync(Form, Me, schemes, orgs, time, HttpContext.RequestAborted);
        if (item is null)
        {
            Errors = errors;
            await LoadAsync(year);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await bonuses.DeclareAsync(item, Me.ToAuditActor(), HttpContext.RequestAborted);
        return Redirect($"/bonus-items?year={item.Year}&done=declared");
    }

    public async Task<IActionResult> OnPostReviewAsync(long id, int year, bool accept, string? reason)
    {
        var errors = EvaluationEndpoints.ValidateReview(new BonusReviewRequest(accept, reason));
        if (!errors.IsEmpty)
        {
            Errors = errors;
            await LoadAsync(year);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = await bonuses.ReviewAsync(id, Me.UnitId, accept, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), Me.ToAuditActor(), HttpContext.RequestAborted);
        return outcome switch
        {
            ReviewOutcome.NotFound => Status(StatusCodes.Status404NotFound),
            ReviewOutcome.AlreadyReviewed => Redirect($"/bonus-items?year={year}&done=already"),
            _ => Redirect($"/bonus-items?year={year}&done={(accept ? "accepted" : "rejected")}"),
        };
    }

    /// <summary>Whether the signed-in user's unit reviews this item (it belongs to a unit directly below).</summary>
    public bool Reviews(BonusItem item) => item.Status == BonusStatus.Declared && ChildIds.Contains(item.UnitId);

    private HashSet<long> ChildIds { get; set; } = [];

    private async Task LoadAsync(int? year)
    {
        var thisYear = ChinaTime.DateOf(time.GetUtcNow()).Year;
        Year = year is >= ScorePeriod.MinYear && year <= thisYear ? year.Value : thisYear;
        var ct = HttpContext.RequestAborted;
        Items = await bonuses.ListAsync(Me.UnitPath, Year, ct);
        Scheme = await schemes.InEffectAsync(Me.CountyId, new DateOnly(Year, 1, 1), ct);
        MyUnit = await orgs.GetUnitAsync(Me.UnitId, ct);
        ChildIds = [.. (await orgs.SubtreeAsync(Me.UnitPath, ct)).Where(u => u.ParentId == Me.UnitId).Select(u => u.Id)];
    }

    public string KindName(string code) => Scheme.Bonus(code) is { } b ? (Language == MessageLanguage.English ? b.NameEn : b.NameZh) : code;

    public string StatusName(BonusStatus status) => status switch
    {
        BonusStatus.Declared => T("待审核", "Awaiting review"),
        BonusStatus.Accepted => T("已认定", "Accepted"),
        _ => T("不予认定", "Rejected"),
    };

    public string? ErrorOf(string field) => Errors.Errors.FirstOrDefault(e => e.Field == field) is { } e ? PageText.Message(e, Language) : null;
}
