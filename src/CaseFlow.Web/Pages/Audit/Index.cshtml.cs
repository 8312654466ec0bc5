using System.Globalization;
using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Domain;
using CaseFlow.Web.Audit;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Audit;

/// <summary>The audit log for auditors and administrators: the API's filters, checks and search (itself audited).</summary>
public sealed class IndexModel(Database database, AuditWriter audit) : AppPageModel
{
    public const int PageSize = 50;

    protected override string? Policy => Policies.CanReadAudit;

    /// <summary>China dates, as date inputs send them; <c>to</c> includes its whole day.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? Username { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    /// <summary>The cursor of the page shown (keyset paging).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public AuditPage Result { get; private set; } = new([], 0);

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public int CurrentPage => PageNumber ?? 1;

    /// <summary>Not the first page: reached by a cursor or a page number.</summary>
    public bool PastFirstPage => After is not null || CurrentPage > 1;

    /// <summary>The total as shown: exact, or "1,000+" above the cap.</summary>
    public string TotalText => Result.TotalIsCapped
        ? Result.Total.ToString("N0", CultureInfo.InvariantCulture) + "+"
        : Result.Total.ToString(CultureInfo.InvariantCulture);

    public async Task OnGetAsync()
    {
        var errors = new ValidationErrors();
        var from = Day(From, "from", errors);
        var to = Day(To, "to", errors);
        var query = new AuditQuery(
            from is { } f ? ChinaTime.At(f, TimeOnly.MinValue) : null,
            to is { } t ? ChinaTime.EndOf(t) : null,
            Blank(Username), Blank(ActionName), Blank(Entity), Blank(EntityId), PageNumber, PageSize, After);
        foreach (var e in AuditApi.Validate(query).Errors)
        {
            errors.Add(e.Field, e.Key, [.. e.Arguments]);
        }

        if (!errors.IsEmpty)
        {
            Errors = new FormErrors(errors, Language);
            return;
        }

        Result = await AuditApi.SearchAsync(query, Me, database, audit, HttpContext.RequestAborted);
    }

    /// <summary>This list's address at the page after <paramref name="after"/> (null: the first page).</summary>
    public string With(string? after)
    {
        var pairs = Request.Query.Where(q => q.Key is not "page" and not "after" and not "lang")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        if (after is not null)
        {
            pairs = pairs.Append(new KeyValuePair<string, string?>("after", after));
        }

        return "/audit" + QueryString.Create(pairs).ToUriComponent();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateOnly? Day(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(field, ValidationMessages.InvalidFormat);
        return null;
    }
}
