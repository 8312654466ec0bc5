using System.Globalization;
using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Screening;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Problems;
using CaseFlow.Web.Screening;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Screening;

/// <summary>The worker who came forward, as typed on the open-a-case form.</summary>
public sealed class OpenCaseForm
{
    public string? Name { get; set; }

    /// <summary>The API name of the document type; empty is a resident ID, <c>none</c> registers without a number.</summary>
    public string? IdType { get; set; }

    public string? IdNumber { get; set; }

    public string? Phone { get; set; }

    public string? AmountOwed { get; set; }

    public string? MonthsOwed { get; set; }

    public string? Description { get; set; }
}

/// <summary>
/// Opens a case from a screening record in one step: the enterprise, the workers involved, the arrears and the signals
/// come from the record; the mediator adds the worker who came forward. The case links back to the record.
/// </summary>
public sealed class OpenCaseModel(ScreeningStore screening, CaseCommands commands, CaseQueries queries, AuditWriter audit, Database database, TimeProvider time) : AppPageModel
{
    protected override string? Policy => Policies.CanActOnCases;

    public ScreeningRecord Record { get; private set; } = null!;

    [BindProperty]
    public OpenCaseForm Form { get; set; } = new();

    public ValidationErrors Errors { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await screening.GetRecordAsync(id, Me.UnitPath, HttpContext.RequestAborted) is not { } record)
        {
            return await NotFoundAsync(id);
        }

        if (record.CaseId is { } caseId)
        {
            return Redirect($"/cases/{caseId.ToString(CultureInfo.InvariantCulture)}");
        }

        Record = record;
        // One worker's share of the arrears the record states, and its months, as the first row.
        if (record.Arrears is { } a)
        {
            Form.AmountOwed = decimal.Round(a.AmountOwed / Math.Max(a.Workers, 1), 2).ToString("0.##", CultureInfo.InvariantCulture);
            Form.MonthsOwed = a.MonthsOwed.ToString("0.##", CultureInfo.InvariantCulture);
        }

        Form.Description = ScreeningEndpoints.DescriptionOf(record);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        if (await screening.GetRecordAsync(id, Me.UnitPath, ct) is not { } record)
        {
            return await NotFoundAsync(id);
        }

        Record = record;
        var errors = new ValidationErrors();
        var worker = new WorkerRequest(
            Form.Name, Form.IdType == "none" ? null : Form.IdNumber, Form.Phone, Number(errors, "workers[0].amountOwed", Form.AmountOwed),
            Number(errors, "workers[0].monthsOwed", Form.MonthsOwed), string.IsNullOrWhiteSpace(Form.IdType) ? null : Form.IdType);
        if (errors.IsEmpty)
        {
            var (registrationErrors, opened) = await ScreeningEndpoints.OpenCaseFromAsync(
                record, new OpenCaseRequest([worker], Form.Description, null), Me, screening, commands, queries, database, time, ct);
            if (opened is not null)
            {
                return Redirect($"/cases/{opened.CaseId.ToString(CultureInfo.InvariantCulture)}");
            }

            if (registrationErrors is null)
            {
                return Redirect($"/screening/records/{id.ToString(CultureInfo.InvariantCulture)}/case");
            }

            errors = registrationErrors;
        }

        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string? ErrorOf(string field) => Errors.Errors.FirstOrDefault(e => e.Field == field) is { } e ? PageText.Message(e, Language) : null;

    public IEnumerable<string> OtherErrors(params string[] shown) =>
        Errors.Errors.Where(e => !shown.Contains(e.Field)).Select(e => PageText.Message(e, Language));

    private async Task<IActionResult> NotFoundAsync(long id)
    {
        await ScreeningEndpoints.NotVisibleAsync(HttpContext, Me, "screening_record", id, audit, database, HttpContext.RequestAborted);
        return Status(StatusCodes.Status404NotFound);
    }

    private static decimal? Number(ValidationErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, ValidationMessages.InvalidFormat);
        return null;
    }
}
