using CaseFlow.Data.Cases;
using CaseFlow.Domain;
using CaseFlow.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Cases;

/// <summary>
/// The receipt handed to the worker (受理回执): the case number, when and by whom the application was received, and
/// the statutory right to apply for arbitration when no agreement is reached within 15 days (劳动争议调解仲裁法 Art 14).
/// Numbers are masked as on the case page, so printing it reveals nothing.
/// </summary>
public sealed class ReceiptModel(CaseQueries queries, DeadlineCalculator calculator) : AppPageModel
{
    public CaseDetail Detail { get; private set; } = null!;

    /// <summary>The first day the parties may apply for arbitration, China time.</summary>
    public DateOnly ArbitrationFrom { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var detail = await queries.GetAsync(id, Me.UnitPath, HttpContext.RequestAborted);
        if (detail is null)
        {
            return Status(StatusCodes.Status404NotFound);
        }

        Detail = detail;
        // The case's own arbitration-right deadline; the calculator's reading of the same rule for a case without one.
        ArbitrationFrom = ChinaTime.DateOf(detail.ArbitrationRightFrom ?? calculator.ArbitrationRightFrom(detail.ReceivedAt).DueAt);
        return Page();
    }
}
