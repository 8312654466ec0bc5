using System.Globalization;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Cases;

/// <summary>The register-dispute form as posted: text as typed, so a number that is not one is a field error.</summary>
public sealed class RegisterForm
{
    public string? Channel { get; set; } = "walkIn";

    /// <summary>China time, as a datetime-local input sends it (<c>2026-03-02T09:30</c>).</summary>
    public string? ReceivedAt { get; set; }

    /// <summary><c>new</c> (name, credit code, unit) or <c>existing</c> (an enterprise of my units).</summary>
    public string EnterpriseMode { get; set; } = "new";

    public string? EnterpriseId { get; set; }

    public string? EnterpriseName { get; set; }

    public string? CreditCode { get; set; }

    public string? UnitId { get; set; }

    public List<WorkerForm> Workers { get; set; } = [new()];

    public List<string> ClaimTypes { get; set; } = ["wageArrears"];

    public string? Description { get; set; }

    public bool EmployerAbsconded { get; set; }

    public bool ProductionStopped { get; set; }

    public bool CollectiveAction { get; set; }

    public bool OrderToPayIgnored { get; set; }

    public string? WorkersInvolved { get; set; }
}

/// <summary>One worker row of the form.</summary>
public sealed class WorkerForm
{
    public string? Name { get; set; }

    /// <summary>The API name of the document type; empty is a resident ID.</summary>
    public string? IdType { get; set; }

    public string? IdNumber { get; set; }

    /// <summary>A passport's issuing country.</summary>
    public string? IdCountry { get; set; }

    public string? Phone { get; set; }

    public string? AmountOwed { get; set; }

    public string? MonthsOwed { get; set; }
}

/// <summary>
/// Register a dispute: the API's request, validation and handler behind a form that works without JavaScript
/// (add and remove worker rows are server round trips).
/// </summary>
public sealed class RegisterModel(CaseCommands commands, CaseQueries queries, OrgStore orgs, PageQueries pageQueries, TimeProvider time) : AppPageModel
{
    protected override string? Policy => Policies.CanActOnCases;

    [BindProperty]
    public RegisterForm Form { get; set; } = new();

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public IReadOnlyList<OrgUnit> Units { get; private set; } = [];

    public IReadOnlyList<EnterpriseChoice> Enterprises { get; private set; } = [];

    /// <summary>A case registered but routed above my units: its grade is shown here, as I cannot open it.</summary>
    public CaseDetail? RoutedAway { get; private set; }

    public async Task OnGetAsync()
    {
        Form.ReceivedAt = time.GetUtcNow().ToOffset(ChinaTime.Offset).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        await LoadChoicesAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var parseErrors = new ValidationErrors();
        var request = ToRequest(Form, parseErrors);
        var now = time.GetUtcNow();
        if (!parseErrors.IsEmpty)
        {
            // Nothing is saved; the API's checks still run so every field's problem shows at once.
            return await InvalidAsync(Merge(parseErrors, RegisterCase.Validate(request, now)));
        }

        var outcome = await RegisterCase.RegisterAsync(request, Me, commands, queries, now, HttpContext.RequestAborted);
        if (outcome.Errors is { } errors)
        {
            return await InvalidAsync(errors);
        }

        var detail = outcome.Case!;
        if (outcome.VisibleToCaller)
        {
            return Redirect($"/cases/{detail.Id}?registered=1");
        }

        RoutedAway = detail;
        return Page();
    }

    public async Task<IActionResult> OnPostAddWorkerAsync()
    {
        if (Form.Workers.Count < RegisterCase.MaxWorkers)
        {
            Form.Workers.Add(new WorkerForm());
        }

        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveWorkerAsync(int index)
    {
        if (index >= 0 && index < Form.Workers.Count && Form.Workers.Count > 1)
        {
            Form.Workers.RemoveAt(index);
        }

        await LoadChoicesAsync();
        return Page();
    }

    private async Task<IActionResult> InvalidAsync(ValidationErrors errors)
    {
        Errors = new FormErrors(errors, Language);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadChoicesAsync();
        return Page();
    }

    /// <summary>The API request for the form; text that is not a number or a time is recorded as a field error.</summary>
    internal static RegisterCaseRequest ToRequest(RegisterForm form, ValidationErrors errors)
    {
        DateTimeOffset? receivedAt = null;
        if (!string.IsNullOrWhiteSpace(form.ReceivedAt))
        {
            if (DateTime.TryParseExact(form.ReceivedAt.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                receivedAt = new DateTimeOffset(local, ChinaTime.Offset);
            }
            else
            {
                errors.Add("receivedAt", ValidationMessages.InvalidFormat);
            }
        }

        var enterprise = form.EnterpriseMode == "existing"
            ? new EnterpriseRequest(ParseLong(form.EnterpriseId, "enterprise.id", errors), null, null, null)
            : new EnterpriseRequest(null, form.EnterpriseName, Blank(form.CreditCode), ParseLong(form.UnitId, "enterprise.unitId", errors));
        var workers = form.Workers.Select((w, i) => (WorkerRequest?)new WorkerRequest(
            w.Name,
            w.IdNumber?.Trim(),
            w.Phone?.Trim(),
            ParseDecimal(w.AmountOwed, ValidationErrors.Item("workers", i, "amountOwed"), errors),
            ParseDecimal(w.MonthsOwed, ValidationErrors.Item("workers", i, "monthsOwed"), errors),
            Blank(w.IdType),
            Blank(w.IdCountry))).ToList();
        var declared = ParseLong(form.WorkersInvolved, "workersInvolved", errors);
        return new RegisterCaseRequest(
            Blank(form.Channel),
            receivedAt,
            enterprise,
            workers,
            [.. form.ClaimTypes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => (string?)c)],
            Blank(form.Description),
            new SignalsRequest(form.EmployerAbsconded, form.ProductionStopped, form.CollectiveAction, form.OrderToPayIgnored),
            declared is { } d ? (int)Math.Clamp(d, int.MinValue, int.MaxValue) : null);
    }

    /// <summary>The form's own reading errors, then the API's checks for every other field.</summary>
    private static ValidationErrors Merge(ValidationErrors parse, ValidationErrors checks)
    {
        var merged = new ValidationErrors();
        foreach (var e in parse.Errors)
        {
            merged.Add(e.Field, e.Key, [.. e.Arguments]);
        }

        foreach (var e in checks.Errors)
        {
            if (!parse.Errors.Any(p => p.Field == e.Field))
            {
                merged.Add(e.Field, e.Key, [.. e.Arguments]);
            }
        }

        return merged;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static long? ParseLong(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, ValidationMessages.InvalidFormat);
        return null;
    }

    private static decimal? ParseDecimal(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, ValidationMessages.InvalidFormat);
        return null;
    }

    private async Task LoadChoicesAsync()
    {
        var ct = HttpContext.RequestAborted;
        Units = await orgs.SubtreeAsync(Me.UnitPath, ct);
        Enterprises = await pageQueries.EnterprisesAsync(Me, ct);
        if (Form.Workers.Count == 0)
        {
            Form.Workers.Add(new WorkerForm());
        }
    }
}
