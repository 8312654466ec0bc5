using CaseFlow.Data.Cases;
using CaseFlow.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Cases;

/// <summary>One worker's line of the printed agreement: what they claimed and what the agreement gives them.</summary>
public sealed record AgreementShare(AgreementWorker Worker, decimal Agreed);

/// <summary>
/// The mediation agreement on paper (人民调解协议书, or 调解协议书 for an enterprise's committee), print-styled. It carries
/// the parties' full ID-card and phone numbers, so it is drawn only in answer to a POST from the case page and each
/// drawing is an audited reveal; a GET shows what opening it means and the button.
/// </summary>
public sealed class AgreementModel(CaseDocuments documents, CaseQueries queries) : AppPageModel
{
    protected override string? Policy => Policies.CanRevealPersonalData;

    public long Id { get; private set; }

    public string? Number { get; private set; }

    public AgreementDocument? Document { get; private set; }

    public IReadOnlyList<AgreementShare> Shares { get; private set; } = [];

    /// <summary>The agreement's total differs from the amounts owed, so each worker's share is a pro-rata split.</summary>
    public bool ProRata { get; private set; }

    public bool EnterpriseCommittee => Document?.UnitKind == "enterprise";

    public string Title => EnterpriseCommittee ? T("调解协议书", "Mediation agreement") : T("人民调解协议书", "People's mediation agreement");

    /// <summary>The mediating body as the paper names it: the unit and, when the county's ladder names it, the level.</summary>
    public string BodyName => Document is not { } d ? "" :
        d.LevelNameZh is null ? d.UnitName : $"{d.UnitName}（{(Language == Problems.MessageLanguage.English ? d.LevelNameEn : d.LevelNameZh)}）";

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var detail = await queries.GetAsync(id, Me.UnitPath, HttpContext.RequestAborted);
        if (detail?.Agreement is null)
        {
            return Status(StatusCodes.Status404NotFound);
        }

        Id = id;
        Number = detail.Number;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        var document = await documents.AgreementAsync(id, new CaseActor(Me.Id, Me.Username, Me.UnitPath, Me.RemoteIp), HttpContext.RequestAborted);
        if (document is null)
        {
            return Status(StatusCodes.Status404NotFound);
        }

        Id = id;
        Number = document.Number;
        Document = document;
        var owed = document.Workers.Sum(w => w.AmountOwed);
        ProRata = owed != document.Amount && document.Workers.Count > 1;
        Shares = Split(document.Amount, document.Workers);
        // The page holds clear numbers: no browser or proxy may keep a copy.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>
    /// The agreement's amount split over the workers in proportion to what each is owed (equally when nothing is
    /// recorded), in whole fen, the remainders going to the largest fractions so the lines add up to the total.
    /// </summary>
    public static IReadOnlyList<AgreementShare> Split(decimal amount, IReadOnlyList<AgreementWorker> workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        if (workers.Count == 0)
        {
            return [];
        }

        var owed = workers.Sum(w => w.AmountOwed);
        var fen = (long)decimal.Round(amount * 100m, MidpointRounding.ToEven);
        var exact = workers.Select(w => owed > 0 ? fen * (w.AmountOwed / owed) : (decimal)fen / workers.Count).ToList();
        var whole = exact.Select(x => (long)decimal.Floor(x)).ToList();
        var left = fen - whole.Sum();
        foreach (var i in Enumerable.Range(0, workers.Count).OrderByDescending(i => exact[i] - whole[i]).ThenBy(i => i).Take((int)left))
        {
            whole[i]++;
        }

        return [.. workers.Select((w, i) => new AgreementShare(w, whole[i] / 100m))];
    }
}
