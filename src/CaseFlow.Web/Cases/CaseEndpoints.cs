using CaseFlow.Data.Cases;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Cases;

/// <summary>The query string of <c>GET /api/v1/cases</c>.</summary>
/// <param name="Overdue">true: only overdue cases; false: only cases whose nearest deadline is still ahead.</param>
/// <param name="NoLevel">Only cases at no mediation level (after mediation: agreement, referral, failure; or not yet graded).</param>
/// <param name="Recovered">Only cases with an amount recovered.</param>
/// <param name="ReceivedFrom">First received on or after this day (China time).</param>
/// <param name="ReceivedTo">First received on or before this day (China time).</param>
/// <param name="ClosedFrom">Closed on or after this day (China time).</param>
/// <param name="ClosedTo">Closed on or before this day (China time).</param>
/// <param name="Open">Only open cases; the default unless a state or a closing date is asked for. false: every case.</param>
/// <param name="After">The <c>next</c> of the previous page: the page after it (keyset paging; not with <c>page</c>).</param>
public sealed record CaseListQuery(
    string? State, string? Color, int? Level, long? Unit, bool? Overdue, int? DueWithinHours, string? Text, bool? Open, int? Page, int? PageSize,
    bool? NoLevel, bool? Recovered, DateOnly? ReceivedFrom, DateOnly? ReceivedTo, DateOnly? ClosedFrom, DateOnly? ClosedTo, string? After = null);

/// <summary>
/// A page of the case list: <c>{ items, total, totalIsCapped, next, searchTooBroad }</c>. Above
/// <see cref="CaseQueries.TotalCap"/> cases the total stops counting and <c>totalIsCapped</c> is true ("1,000+");
/// <c>next</c> is the cursor of the next page; <c>searchTooBroad</c>: the text search reached one of its bounds, so the
/// list holds what it found and a more complete text would find the rest.
/// </summary>
public sealed record CaseList(IReadOnlyList<CaseListItem> Items, long Total, bool TotalIsCapped = false, string? Next = null, bool SearchTooBroad = false)
{
    public static CaseList From(Page<CaseListItem> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new(page.Items, page.Total, page.TotalIsCapped, page.Next, page.SearchTooBroad);
    }
}

/// <summary>The clear numbers of a case's workers, from the audited reveal.</summary>
public sealed record RevealResponse(IReadOnlyList<RevealedWorker> Workers);

/// <summary>Why a reveal is asked for (required, at most <see cref="TextLimits.RevealPurpose"/> characters); kept in the audit record.</summary>
public sealed record RevealRequest(string? Purpose);

/// <summary>The <c>/api/v1/cases</c> endpoints.</summary>
public static class CaseEndpoints
{
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapCases(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapPost("/", RegisterCase.HandleAsync)
            .RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("Register a dispute; it is graded and routed by colour.");
        cases.MapGet("/", ListAsync).WithSummary("Cases in the caller's units, most urgent first.");
        cases.MapPost("/search", NumberSearch.HandleAsync)
            .WithSummary("Cases in the caller's units with a party of this whole ID-card or phone number (in the body, never the address); audited without the number.");
        cases.MapGet("/{id}", GetAsync).WithSummary("One case, with its deadlines, timeline and the actions the caller may take.");
        cases.MapPost("/{id}/actions/{action}", CaseActions.HandleAsync)
            .RequireAuthorization(Policies.CanActOnCases)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("Fire a workflow action; If-Match must carry the ETag the caller read (\"3\"): 428 without it, 400 for *, weak or unquoted tags.");
        cases.MapPost("/{id}/reveal", RevealAsync)
            .RequireAuthorization(Policies.CanRevealPersonalData)
            .WithSummary("The clear ID-card and phone numbers of the case's workers; audited with the purpose, which is required.");
        return api;
    }

    internal static async Task<Results<Ok<CaseList>, ValidationProblem>> ListAsync(
        [AsParameters] CaseListQuery query, HttpContext http, CurrentUser user, CaseQueries queries, CancellationToken ct)
    {
        var (errors, filter) = ToFilter(query);
        if (filter is null)
        {
            return errors.ToProblem(http);
        }

        var page = await queries.ListAsync(filter, user.Viewer, ct);
        return TypedResults.Ok(CaseList.From(page));
    }

    /// <summary>The list filter a query asks for, or the errors in it; the API and the workbench page share it.</summary>
    internal static (ValidationErrors Errors, CaseFilter? Filter) ToFilter(CaseListQuery query)
    {
        var errors = new ValidationErrors();
        var states = new List<CaseState>();
        foreach (var name in (query.State ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<CaseState>(name, ignoreCase: true, out var state) && Enum.IsDefined(state) && !int.TryParse(name, out _))
            {
                states.Add(state);
            }
            else
            {
                errors.Add("state", ValidationMessages.UnknownValue, string.Join(", ", RegisterCase.Names<CaseState>()));
            }
        }

        errors.OneOf("color", query.Color, RegisterCase.Names<RiskColor>());
        errors.InRange("level", query.Level, 1, 3);

        errors.InRange("dueWithinHours", query.DueWithinHours, 1, 24 * 90);
        errors.MaxLength("text", query.Text, 100);
        if (query.Text?.Trim() is { Length: > 0 and < CaseQueries.MinTextLength })
        {
            errors.Add("text", ValidationMessages.SearchTextTooShort, CaseQueries.MinTextLength);
        }

        errors.InRange("page", query.Page, 1, int.MaxValue);
        errors.InRange("pageSize", query.PageSize, 1, MaxPageSize);
        CaseCursor? after = null;
        if (query.After is not null && !CaseCursor.TryParse(query.After, out after))
        {
            errors.Add("after", ValidationMessages.CursorInvalid);
        }
        else if (query.After is not null && query.Page is not null)
        {
            errors.Add("after", ValidationMessages.CursorWithPage);
        }

        if (!errors.IsEmpty)
        {
            return (errors, null);
        }

        var pageSize = query.PageSize ?? 50;
        return (errors, new CaseFilter
        {
            States = expandSuperStates(states),
            Color = query.Color is null ? null : RegisterCase.Parse<RiskColor>(query.Color),
            Level = query.Level,
            NoLevel = query.NoLevel ?? false,
            UnitId = query.Unit,
            Overdue = query.Overdue == true,
            NotOverdue = query.Overdue == false,
            DueWithin = query.DueWithinHours is { } hours ? TimeSpan.FromHours(hours) : null,
            Recovered = query.Recovered ?? false,
            ReceivedFrom = query.ReceivedFrom is { } receivedFrom ? ChinaTime.At(receivedFrom, TimeOnly.MinValue) : null,
            ReceivedBefore = query.ReceivedTo is { } receivedTo ? ChinaTime.At(receivedTo.AddDays(1), TimeOnly.MinValue) : null,
            ClosedFrom = query.ClosedFrom is { } closedFrom ? ChinaTime.At(closedFrom, TimeOnly.MinValue) : null,
            ClosedBefore = query.ClosedTo is { } closedTo ? ChinaTime.At(closedTo.AddDays(1), TimeOnly.MinValue) : null,
            Text = query.Text,
            // Open cases unless closed ones are asked for: by state, by closing date, or open=false.
            OpenOnly = query.Open ?? (states.Count == 0 && query.ClosedFrom is null && query.ClosedTo is null),
            Offset = ((query.Page ?? 1) - 1) * pageSize,
            Limit = pageSize,
            After = after,
        });

        // A super-state (Level1, Mediation) stands for the stored states below it.
        static List<CaseState> expandSuperStates(List<CaseState> states) =>
            [.. states.SelectMany(CaseWorkflow.StatesUnder).Distinct()];
    }

    internal static async Task<Results<Ok<CaseView>, NotFound>> GetAsync(
        long id, HttpContext http, CurrentUser user, CaseQueries queries, AccessDenials denials, TimeProvider time, CancellationToken ct)
    {
        var detail = await queries.GetAsync(id, user.Viewer, ct);
        if (detail is null)
        {
            await denials.NotVisibleAsync(http, user, id, ct);
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = CaseJson.ETag(detail.Version);
        return TypedResults.Ok(CaseJson.From(detail, user, RequestLanguage.Of(http.Request), time.GetUtcNow()));
    }

    internal static async Task<Results<Ok<RevealResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RevealAsync(
        long id, RevealRequest? request, HttpContext http, CurrentUser user, CaseQueries queries, AccessDenials denials, CancellationToken ct)
    {
        if (user.IsPartner && !PartnerKinds.MayReveal(user.PartnerKind))
        {
            return await denials.ForbidAsync(http, user, "This partner organisation's kind does not see clear personal numbers.", ct);
        }

        if (ValidatePurpose(request?.Purpose) is { IsEmpty: false } errors)
        {
            return errors.ToProblem(http);
        }

        var workers = await queries.RevealAsync(id, user.Actor, request!.Purpose!.Trim(), ct);
        if (workers is null)
        {
            await denials.NotVisibleAsync(http, user, id, ct);
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new RevealResponse(workers));
    }

    /// <summary>Every reveal says why: the API and the case page both check the purpose here.</summary>
    internal static ValidationErrors ValidatePurpose(string? purpose)
    {
        var errors = new ValidationErrors();
        if (errors.Required("purpose", purpose))
        {
            errors.MaxLength("purpose", purpose, TextLimits.RevealPurpose);
        }

        return errors;
    }
}
