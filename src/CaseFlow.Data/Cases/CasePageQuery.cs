using CaseFlow.Data.Partners;
using CaseFlow.Data.Supervision;

namespace CaseFlow.Data.Cases;

/// <summary>Everything the case page draws from the database: the case's view, its mediator's name, its latest referral and its supervisions.</summary>
public sealed record CasePageData(CaseDetail Detail, string? MediatorName, ReferralView? Referral, IReadOnlyList<SupervisionView> Supervisions);

/// <summary>
/// The case page's read (issue 17): one connection, the viewer's visibility checked once by the case load, and the
/// referral and supervision panels read on the same connection only when the case has a referral or a supervision.
/// Each part is the same read the case API, the referral API and the supervision panel make on their own.
/// </summary>
public sealed class CasePageQuery(Database database, CaseQueries cases, SupervisionStore supervisions)
{
    /// <summary>The case page's data, or null when <paramref name="viewer"/> may not see the case.</summary>
    public Task<CasePageData?> GetAsync(long id, CaseViewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return database.ReadAsync(async connection =>
        {
            if (await cases.ReadDetailAsync(connection, id, viewer, ct) is not { } found)
            {
                return null;
            }

            var (detail, extras) = found;

            var referral = detail.Referral is null ? null : await ReferralStore.LatestOfVisibleCaseAsync(connection, id, ct);
            var items = extras.HasSupervisions ? await supervisions.OfVisibleCaseAsync(connection, id, ct) : [];
            return new CasePageData(detail, extras.MediatorName, referral, items);
        }, ct);
    }
}
