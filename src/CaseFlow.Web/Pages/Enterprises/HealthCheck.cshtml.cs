using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Enterprises;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain;
using CaseFlow.Domain.Enterprises;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Enterprises;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Enterprises;

/// <summary>The record form's fields as typed; dates and ids are parsed here so a bad one is a field error.</summary>
public sealed class HealthCheckForm
{
    public const int FollowUpRows = 3;

    public string? CheckedOn { get; set; }

    public string? PerformedByUnitId { get; set; }

    public string? CheckedBy { get; set; }

    public string? Note { get; set; }

    public List<FindingForm> Findings { get; set; } = [];

    public List<FollowUpForm> FollowUps { get; set; } = [];
}

public sealed class FindingForm
{
    public string? Item { get; set; }

    /// <summary>"true" (in order), "false" (a problem) or nothing yet.</summary>
    public string? Ok { get; set; }

    public string? Note { get; set; }
}

public sealed class FollowUpForm
{
    public string? Item { get; set; }

    public string? DueOn { get; set; }

    public string? ResponsibleUnitId { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Item) && string.IsNullOrWhiteSpace(DueOn);
}

/// <summary>
/// Records a legal health check (法律体检) of an employer of the caller's area: the date, the performing unit and the
/// people, the four-item checklist, and follow-up items with due dates and a responsible unit. The same checks as
/// <c>POST /api/v1/enterprises/{id}/health-checks</c>.
/// </summary>
public sealed class HealthCheckModel(
    EnterpriseRegister register, HealthCheckStore checks, OrgStore orgs, AuditWriter audit, Data.Database database, TimeProvider time) : AppPageModel
{
    protected override string? Policy => Policies.CanActOnCases;

    [BindProperty]
    public HealthCheckForm Form { get; set; } = new();

    public EnterpriseDetail Detail { get; private set; } = null!;

    public IReadOnlyList<OrgUnit> Units { get; private set; } = [];

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id))
        {
            return Status(StatusCodes.Status404NotFound);
        }

        Form = new HealthCheckForm
        {
            CheckedOn = PageText.Date(ChinaTime.DateOf(time.GetUtcNow())),
            PerformedByUnitId = Me.UnitId.ToString(CultureInfo.InvariantCulture),
        };
        Fill(Form);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id))
        {
            return Status(StatusCodes.Status404NotFound);
        }

        Fill(Form);
        var parseErrors = new ValidationErrors();
        var rows = Form.FollowUps.Select((f, i) => (Form: f, Index: i)).Where(r => !r.Form.IsBlank).ToList();
        var request = new HealthCheckRequest(
            ParseDate(parseErrors, "checkedOn", Form.CheckedOn),
            ParseId(parseErrors, "performedByUnitId", Form.PerformedByUnitId),
            Form.CheckedBy,
            [.. Form.Findings.Select(f => new FindingRequest(f.Item, f.Ok switch { "true" => true, "false" => false, _ => null }, f.Note))],
            Form.Note,
            [.. rows.Select(r => new FollowUpRequest(
                r.Form.Item,
                ParseDate(parseErrors, ValidationErrors.Item("followUps", r.Index, "dueOn"), r.Form.DueOn),
                ParseId(parseErrors, ValidationErrors.Item("followUps", r.Index, "responsibleUnitId"), r.Form.ResponsibleUnitId)))]);
        var (errors, check) = await HealthCheckEndpoints.ValidateAsync(id, request, Me, orgs, time, HttpContext.RequestAborted);
        if (check is null || !parseErrors.IsEmpty)
        {
            // The request numbers only the follow-up rows filled in; the form shows each error at its own row.
            var all = new ValidationErrors();
            foreach (var e in parseErrors.Errors)
            {
                all.Add(e.Field, e.Key, [.. e.Arguments]);
            }

            foreach (var e in errors.Errors.Where(e => !parseErrors.Errors.Any(p => p.Field == e.Field)))
            {
                all.Add(RowField(e.Field, rows.Select(r => r.Index).ToList()), e.Key, [.. e.Arguments]);
            }

            Errors = new FormErrors(all, Language);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (await checks.RecordAsync(check, Me.UnitPath, Me.ToAuditActor(), HttpContext.RequestAborted) is null)
        {
            return Status(StatusCodes.Status404NotFound);
        }

        return Redirect($"/enterprises/{id}?done=recorded#health-checks");
    }

    private async Task<bool> LoadAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        var detail = await register.GetAsync(id, Me.UnitPath, ct);
        if (detail is null || !await checks.InScopeAsync(id, Me.UnitPath, ct))
        {
            await HealthCheckEndpoints.NotVisibleAsync(HttpContext, Me, "enterprise", id, audit, database, ct);
            return false;
        }

        Detail = detail;
        Units = [.. (await orgs.SubtreeAsync(HealthCheckEndpoints.CountyPath(Me), ct)).Where(u => u.Kind != UnitKind.Enterprise)];
        return true;
    }

    /// <summary>Every checklist item once, in order, and the follow-up rows, keeping what was typed.</summary>
    private void Fill(HealthCheckForm form)
    {
        form.Findings = [.. HealthCheckItems.All.Select(item => form.Findings.FirstOrDefault(f => f.Item == item) ?? new FindingForm { Item = item })];
        while (form.FollowUps.Count < HealthCheckForm.FollowUpRows)
        {
            form.FollowUps.Add(new FollowUpForm { ResponsibleUnitId = Detail.Entry.UnitId.ToString(CultureInfo.InvariantCulture) });
        }
    }

    private static string RowField(string field, List<int> rowIndexes)
    {
        const string prefix = "followUps[";
        if (!field.StartsWith(prefix, StringComparison.Ordinal))
        {
            return field;
        }

        var end = field.IndexOf(']', StringComparison.Ordinal);
        return int.TryParse(field.AsSpan(prefix.Length, end - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k < rowIndexes.Count
            ? prefix + rowIndexes[k].ToString(CultureInfo.InvariantCulture) + field[end..]
            : field;
    }

    private static DateOnly? ParseDate(ValidationErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, ValidationMessages.InvalidFormat);
        return null;
    }

    private static long? ParseId(ValidationErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        errors.Add(field, ValidationMessages.UnknownUnit);
        return null;
    }

    public string ItemName(string? item)
    {
        var (zh, en) = HealthCheckItems.NameOf(item ?? "");
        return T(zh, en);
    }
}
