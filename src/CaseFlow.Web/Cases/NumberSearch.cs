using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Cases;

/// <summary>The body of <c>POST /api/v1/cases/search</c>: a whole ID-card or phone number, in the body so it stays out of addresses.</summary>
public sealed record NumberSearchRequest(string? Number, int? Page, int? PageSize);

/// <summary>
/// Finds the caller's cases with a party who has a given ID-card or phone number, through the number's keyed hash:
/// the clear number is neither stored, nor sent to the database, nor written to the audit record of the search
/// (<c>case.search_number</c>, which keeps the kind of number and how many cases matched).
/// </summary>
public sealed class NumberSearch(CaseQueries queries, PartyNumbers numbers, Database database, AuditWriter audit)
{
    /// <param name="filter">The other filters of the list; its text is ignored.</param>
    public async Task<Page<CaseListItem>> SearchAsync(CaseFilter filter, string number, CurrentUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(user);
        var kind = PartyNumbers.KindOf(number) ?? throw new ArgumentException("Not an ID-card or phone number.", nameof(number));
        var page = await queries.ListAsync(filter with { Text = null, PartyNumberHash = numbers.Hash(number) }, user.UnitPath, ct);
        await using var connection = await database.OpenAsync(ct);
        await audit.WriteAsync(
            connection, null, user.ToAuditActor(), "case.search_number", "case", null,
            new { kind = kind == PartyNumberKind.IdNumber ? "id_number" : "phone", matches = page.Total }, ct);
        return page;
    }

    internal static async Task<Results<Ok<CaseList>, ValidationProblem>> HandleAsync(
        NumberSearchRequest? request, HttpContext http, CurrentUser user, NumberSearch search, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (errors.Required("number", request?.Number))
        {
            errors.MaxLength("number", request!.Number, 100);
            if (errors.IsEmpty && PartyNumbers.KindOf(request.Number) is null)
            {
                errors.Add("number", ValidationMessages.NotAPartyNumber);
            }
        }

        errors.InRange("page", request?.Page, 1, int.MaxValue);
        errors.InRange("pageSize", request?.PageSize, 1, CaseEndpoints.MaxPageSize);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        var pageSize = request!.PageSize ?? 50;
        var filter = new CaseFilter { Offset = ((request.Page ?? 1) - 1) * pageSize, Limit = pageSize };
        var page = await search.SearchAsync(filter, request.Number!, user, ct);
        return TypedResults.Ok(CaseList.From(page));
    }
}
