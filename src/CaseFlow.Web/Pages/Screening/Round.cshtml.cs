using System.Globalization;
using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Screening;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using CaseFlow.Web.Screening;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Screening;

/// <summary>
/// One round seen from the signed-in user's unit: a grid records each of its enterprises and reports; a town sees
/// which of its villages reported and reports upward; the county sees its towns. Records at risk open a case.
/// </summary>
public sealed class RoundModel(ScreeningStore screening, OrgStore orgs, RiskGrader grader, AuditWriter audit, Database database) : AppPageModel
{
    protected override string? Policy => Policies.CanActOnCases;

    public RoundProgress Progress { get; private set; } = null!;

    public ValidationErrors Errors { get; private set; } = new();

    /// <summary>The enterprise whose form the errors belong to.</summary>
    public long? ErrorsFor { get; private set; }

    public RecordForm? Posted { get; private set; }

    public string? Note { get; private set; }

    public string? Done { get; private set; }

    public bool IsGrid => Progress.Unit.Kind == UnitKind.Village;

    public bool Reports => Progress.Unit.Kind is UnitKind.Village or UnitKind.Town;

    public async Task<IActionResult> OnGetAsync(long id, string? done)
    {
        Done = done;
        return await LoadAsync(id) ? Page() : await NotFoundAsync(id);
    }

    public async Task<IActionResult> OnPostRecordAsync(long id, RecordForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var ct = HttpContext.RequestAborted;
        var errors = new ValidationErrors();
        var request = new RecordRequest(form.Status, Number(errors, "monthsOwed", form.MonthsOwed), (int?)Number(errors, "workersOwed", form.WorkersOwed, whole: true),
            Number(errors, "amountOwed", form.AmountOwed), form.Note);
        var (more, record) = ScreeningEndpoints.ValidateRecord(id, form.EnterpriseId, request, grader);
        foreach (var e in more.Errors)
        {
            errors.Add(e.Field, e.Key, [.. e.Arguments]);
        }

        var unit = await orgs.GetUnitAsync(Me.UnitId, ct);
        if (unit?.Kind != UnitKind.Village)
        {
            errors.Add("unit", ValidationMessages.NotAGrid);
        }

        if (!errors.IsEmpty || record is null)
        {
            return await RedrawAsync(id, errors, form.EnterpriseId, form);
        }

        var (outcome, _) = await screening.RecordAsync(record, Me.CountyId, unit!, Me.ToAuditActor(), ct);
        return outcome switch
        {
            ScreeningOutcome.NotFound => await NotFoundAsync(id),
            ScreeningOutcome.AlreadyReported => Redirect($"/screening/{id}?done=locked"),
            _ => Redirect($"/screening/{id}?done=recorded#enterprise-{form.EnterpriseId.ToString(CultureInfo.InvariantCulture)}"),
        };
    }

    public async Task<IActionResult> OnPostReportAsync(long id, string? note)
    {
        var unit = await orgs.GetUnitAsync(Me.UnitId, HttpContext.RequestAborted);
        var (errors, outcome) = await ScreeningEndpoints.SubmitReportAsync(id, new ReportRequest(note), Me, unit, screening, HttpContext.RequestAborted);
        Note = note;
        return outcome switch
        {
            null => await RedrawAsync(id, errors, null, null),
            ScreeningOutcome.NotFound => await NotFoundAsync(id),
            ScreeningOutcome.AlreadyReported => Redirect($"/screening/{id}?done=already"),
            _ => Redirect($"/screening/{id}?done=reported"),
        };
    }

    public string? ErrorOf(string field) => Errors.Errors.FirstOrDefault(e => e.Field == field) is { } e ? PageText.Message(e, Language) : null;

    public string? ErrorOf(long enterpriseId, string field) => ErrorsFor == enterpriseId ? ErrorOf(field) : null;

    public static string Figures(ScreeningRecord r, MessageLanguage language) => r.Arrears is { } a
        ? language == MessageLanguage.English
            ? string.Create(CultureInfo.InvariantCulture, $"{a.Workers} workers, {a.MonthsOwed:0.##} months, {PageText.Money(a.AmountOwed)}")
            : string.Create(CultureInfo.InvariantCulture, $"{a.Workers} 人，{a.MonthsOwed:0.##} 个月，{PageText.Money(a.AmountOwed)}")
        : "—";

    public static string Text(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    private async Task<IActionResult> RedrawAsync(long id, ValidationErrors errors, long? enterpriseId, RecordForm? form)
    {
        if (!await LoadAsync(id))
        {
            return await NotFoundAsync(id);
        }

        Errors = errors;
        ErrorsFor = enterpriseId;
        Posted = form;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        var unit = await orgs.GetUnitAsync(Me.UnitId, ct);
        var progress = unit is null ? null : await screening.ProgressAsync(id, unit, Me.CountyId, ct);
        if (progress is null)
        {
            return false;
        }

        Progress = progress;
        return true;
    }

    private async Task<IActionResult> NotFoundAsync(long id)
    {
        await ScreeningEndpoints.NotVisibleAsync(HttpContext, Me, "screening_round", id, audit, database, HttpContext.RequestAborted);
        return Status(StatusCodes.Status404NotFound);
    }

    /// <summary>A number as typed: blank is none; text that is not a number is a field error.</summary>
    private static decimal? Number(ValidationErrors errors, string field, string? text, bool whole = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && (!whole || (value == decimal.Truncate(value) && value is >= 0 and <= int.MaxValue)))
        {
            return value;
        }

        errors.Add(field, ValidationMessages.InvalidFormat);
        return null;
    }
}

/// <summary>One enterprise's screening form as posted: numbers as typed.</summary>
public sealed class RecordForm
{
    public long EnterpriseId { get; set; }

    public string? Status { get; set; }

    public string? MonthsOwed { get; set; }

    public string? WorkersOwed { get; set; }

    public string? AmountOwed { get; set; }

    public string? Note { get; set; }
}
