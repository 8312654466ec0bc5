using System.Data.Common;
using System.Globalization;
using System.Text;
using CaseFlow.Data.Audit;
using CaseFlow.Domain;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Parties;
using Dapper;

namespace CaseFlow.Data.Cases;

/// <summary>
/// The case read models. Every query takes the caller's unit path and sees only that subtree; personal numbers
/// come back masked, except from <see cref="RevealAsync"/>, which audits what it shows.
/// </summary>
public sealed partial class CaseQueries(
    Database database, CaseStore store, AuditWriter audit, DeadlineCalculator calculator, TimeProvider time, DashboardOptions? dashboard = null)
{
    private static readonly string[] Awaiting =
    [
        nameof(CaseState.Level1AwaitingAcceptance), nameof(CaseState.Level2AwaitingAcceptance), nameof(CaseState.Level3AwaitingAcceptance),
    ];

    private readonly SqlDialect _dialect = database.Dialect;

    private string? _dashboardSql;

    private string? _inboxSql;

    /// <summary>The case page's view of the subtree at <paramref name="scopePath"/>, or null when the case is not in it.</summary>
    public Task<CaseDetail?> GetAsync(long id, string scopePath, CancellationToken ct = default) =>
        GetAsync(id, CaseViewer.Scope(scopePath), ct);

    /// <summary>The case page's view, or null when <paramref name="viewer"/> may not see the case (<see cref="CaseVisibility"/>).</summary>
    public async Task<CaseDetail?> GetAsync(long id, CaseViewer viewer, CancellationToken ct = default) =>
        (await database.ReadAsync(connection => ReadDetailAsync(connection, id, viewer, ct), ct))?.Detail;

    // The single-row facts beside the case, one statement: its unit, employer, mediator, arbitration clock, latest
    // agreement and referral, and which of the case's lists have rows at all (an empty list costs no statement).
    private const string DetailFacts = """
        SELECT u.name AS UnitName, e.id AS EnterpriseId, e.name AS EnterpriseName, e.credit_code AS CreditCode,
               (SELECT m.display_name FROM users AS m WHERE m.id = @MediatorUserId) AS MediatorName,
               (SELECT MIN(d.due_at) FROM case_deadlines AS d WHERE d.case_id = @Id AND d.kind = 'arbitration_right') AS ArbitrationRightFrom,
               a.id AS AgreementId, a.amount AS AgreementAmount, a.payment_due_date AS AgreementDueDate, a.method AS AgreementMethod,
               r.id AS ReferralId, r.body AS ReferralBody, r.reference_number AS ReferralNumber,
               CASE WHEN EXISTS (SELECT 1 FROM mediation_sessions AS ms WHERE ms.case_id = @Id) THEN 1 ELSE 0 END AS HasSessions,
               CASE WHEN EXISTS (SELECT 1 FROM case_activities AS ca WHERE ca.case_id = @Id) THEN 1 ELSE 0 END AS HasActivities,
               CASE WHEN EXISTS (SELECT 1 FROM case_shares AS cs WHERE cs.case_id = @Id AND cs.withdrawn_at IS NULL) THEN 1 ELSE 0 END AS HasShares,
               CASE WHEN EXISTS (SELECT 1 FROM supervisions AS sv WHERE sv.case_id = @Id) THEN 1 ELSE 0 END AS HasSupervisions
          FROM org_units AS u
          LEFT JOIN enterprises AS e ON e.id = @EnterpriseId
          LEFT JOIN agreements AS a ON a.id = (SELECT MAX(x.id) FROM agreements AS x WHERE x.case_id = @Id)
          LEFT JOIN referrals AS r ON r.id = (SELECT MAX(y.id) FROM referrals AS y WHERE y.case_id = @Id)
         WHERE u.id = @UnitId;
        SELECT kind AS Kind, due_at AS DueAt, calendar_missing AS CalendarMissing
          FROM case_deadlines WHERE case_id = @Id AND fired_at IS NULL ORDER BY due_at, id;
        SELECT e.at AS At, COALESCE(u.display_name, 'system') AS ByName, e.trigger_name AS TriggerName,
               e.from_state AS FromState, e.to_state AS ToState, e.reason AS Reason
          FROM case_events AS e LEFT JOIN users AS u ON u.id = e.by_user_id WHERE e.case_id = @Id ORDER BY e.id;
        """;

    private const string DetailSessions = """
        SELECT id AS Id, held_at AS HeldAt, level AS Level, summary AS Summary, place AS Place, participants AS Participants
          FROM mediation_sessions WHERE case_id = @Id ORDER BY held_at, id;
        SELECT sp.session_id AS SessionId, sp.partner_org_id AS PartnerOrgId, p.name AS Name,
               CASE WHEN sp.confirmed_at IS NULL THEN 0 ELSE 1 END AS Confirmed
          FROM session_partners AS sp
          JOIN mediation_sessions AS ms ON ms.id = sp.session_id
          JOIN partner_orgs AS p ON p.id = sp.partner_org_id
         WHERE ms.case_id = @Id ORDER BY sp.session_id, p.name;
        """;

    private const string DetailActivities = """
        SELECT a.at AS At, COALESCE(u.display_name, 'system') AS ByName, a.kind AS Kind, a.text AS Text, p.name AS PartnerName
          FROM case_activities AS a
          LEFT JOIN users AS u ON u.id = a.by_user_id
          LEFT JOIN partner_orgs AS p ON p.id = a.partner_org_id
         WHERE a.case_id = @Id ORDER BY a.id;
        """;

    /// <summary>What the case page draws beside the case's own view: read on the same connection, after the visibility check.</summary>
    internal sealed record DetailExtras(string? MediatorName, bool HasSupervisions);

    /// <summary>
    /// The case's view on <paramref name="connection"/>, or null when <paramref name="viewer"/> may not see it: the case
    /// and its workers (the write path's own load), then one command for its single-row facts and its clocks and
    /// timeline, and a statement for each further list only when that list has rows.
    /// </summary>
    internal async Task<(CaseDetail Detail, DetailExtras Extras)?> ReadDetailAsync(DbConnection connection, long id, CaseViewer viewer, CancellationToken ct)
    {
        var (c, access) = await store.LoadVisibleAsync(connection, null, id, viewer, ct);
        if (c is null)
        {
            return null;
        }

        var args = new DetailArgs(c.Id, c.UnitId, c.EnterpriseId, c.MediatorUserId);

        // On a command kept with the connection: prepared once per connection held for reads (Database.ReadAsync).
        var (facts, deadlines, events) = await RowWriter.Cached(connection, null, _dialect).ReadAsync(
            DetailFacts,
            args,
            async reader =>
            {
                var one = (await RowWriter.RowsOf<StoredFacts>(reader, ct)).Single();
                await reader.NextResultAsync(ct);
                var due = await RowWriter.RowsOf<StoredDeadline>(reader, ct);
                await reader.NextResultAsync(ct);
                return (one, due, await RowWriter.RowsOf<StoredEvent>(reader, ct));
            },
            ct);

        IEnumerable<StoredSession> sessions = [];
        ILookup<long, StoredSessionPartner>? sessionPartners = null;
        if (facts.HasSessions)
        {
            await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(DetailSessions, args, cancellationToken: ct));
            sessions = await grid.ReadAsync<StoredSession>();
            sessionPartners = (await grid.ReadAsync<StoredSessionPartner>()).ToLookup(p => p.SessionId);
        }

        IEnumerable<StoredActivity> activities = facts.HasActivities
            ? await connection.QueryAsync<StoredActivity>(new CommandDefinition(DetailActivities, args, cancellationToken: ct))
            : [];
        var shares = facts.HasShares ? await Partners.PartnerStore.SharesAsync(connection, c.Id, ct) : [];

        var now = time.GetUtcNow();
        var detail = new CaseDetail
        {
            Id = c.Id,
            Access = access,
            Number = c.Number,
            State = c.State,
            Level = c.Level,
            UnitId = c.UnitId,
            UnitName = facts.UnitName,
            RiskColor = c.RiskColor,
            RiskRules = c.RiskRules,
            Signals = c.Signals,
            Version = c.Version,
            Channel = c.Channel,
            ClaimTypes = c.ClaimTypes,
            Description = c.Description,
            ReceivedAt = c.FirstReceivedAt,
            ReceivedAtLevel = c.ReceivedAtLevel,
            AmountOwed = c.AmountOwed,
            AmountRecovered = c.AmountRecovered,
            WorkersInvolved = c.WorkersInvolved,
            MediatorUserId = c.MediatorUserId,
            Enterprise = facts.EnterpriseId is { } enterpriseId ? new EnterpriseView(enterpriseId, facts.EnterpriseName ?? "", facts.CreditCode) : null,
            Workers = [.. c.Workers.Select(w => new WorkerView(w.Name, Masking.Document(w.IdNumber), Masking.Phone(w.Phone), w.AmountOwed, w.MonthsOwed, w.IdType, w.IdCountry))],
            Deadlines =
            [
                .. deadlines.Select(d => new DeadlineView(
                    DbCode.Parse<DeadlineKind>(d.Kind), d.DueAt, (long)Math.Max(0, (d.DueAt - now).TotalSeconds), d.DueAt <= now, d.CalendarMissing)),
            ],
            Events =
            [
                .. events.Select(e => new EventView(
                    e.At, e.ByName, e.TriggerName == CaseStore.DeadlinesRecomputedEvent ? null : Enum.Parse<CaseTrigger>(e.TriggerName), Enum.Parse<CaseState>(e.FromState ?? e.ToState), Enum.Parse<CaseState>(e.ToState), e.Reason)),
            ],
            Sessions =
            [
                .. sessions.Select(s => new SessionView(s.HeldAt, s.Level, s.Summary)
                {
                    Id = s.Id,
                    Place = s.Place,
                    Participants = s.Participants,
                    Partners = [.. sessionPartners![s.Id].Select(p => new SessionPartnerView(p.PartnerOrgId, p.Name, p.Confirmed))],
                }),
            ],
            Shares = shares,
            Activities = [.. activities.Select(a => new ActivityView(a.At, a.ByName, a.Kind, a.Text, a.PartnerName))],
            Agreement = facts.AgreementId is null ? null : new AgreementTerms(facts.AgreementAmount ?? 0m, facts.AgreementDueDate ?? default, facts.AgreementMethod ?? ""),
            Referral = facts.ReferralId is null ? null : new Referral(DbCode.Parse<ReferralBody>(facts.ReferralBody!), facts.ReferralNumber),
            ClosedAt = c.ClosedAt,
            ArbitrationRightFrom = facts.ArbitrationRightFrom,
            Actions = c.Availability(now, calculator.ReopenWindowDays),
        };
        return (detail, new DetailExtras(facts.MediatorName, facts.HasSupervisions));
    }

    /// <summary>A page of the cases in the subtree at <paramref name="scopePath"/>, most urgent first.</summary>
    public Task<Page<CaseListItem>> ListAsync(CaseFilter filter, string scopePath, CancellationToken ct = default) =>
        ListAsync(filter, CaseViewer.Scope(scopePath), ct);

    /// <summary>
    /// A page of the cases <paramref name="viewer"/> may see, most urgent first: red before orange before yellow before
    /// ungraded, within a colour the nearest deadline first (overdue ones are nearest) and the cases with no deadline
    /// last, then by id. The first page and every page after a <see cref="CaseFilter.After"/> cursor are read by keyset
    /// (<see cref="ListByKeysetAsync"/>); an <see cref="CaseFilter.Offset"/> still works, at the cost of sorting.
    /// </summary>
    public async Task<Page<CaseListItem>> ListAsync(CaseFilter filter, CaseViewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(viewer);
        if (filter.After is not null && filter.Offset != 0)
        {
            throw new ArgumentException("A cursor and an offset cannot be combined.", nameof(filter));
        }

        var now = time.GetUtcNow();
        var limit = Math.Clamp(filter.Limit, 1, 500);
        var (filters, args) = ListFilters(filter, viewer, now);
        return await database.ReadAsync(connection => ListOnAsync(connection, filter, viewer, filters, args, limit, now, ct), ct);
    }

    private async Task<Page<CaseListItem>> ListOnAsync(
        DbConnection connection, CaseFilter filter, CaseViewer viewer, string filters, DynamicParameters args, int limit, DateTimeOffset now, CancellationToken ct)
    {
        var search = await SearchTextAsync(connection, filter, viewer, args, ct);
        var branches = await BranchesAsync(connection, filter, viewer, args, search, ct);
        if (filter.Offset == 0)
        {
            return await ListByKeysetAsync(connection, filter, branches, filters, args, limit, now, ct) with { SearchTooBroad = search?.TooBroad == true };
        }

        args.Add("Offset", filter.Offset);
        args.Add("Limit", limit + 1);
        var sql = $"""
            SELECT {ListColumns}
            FROM cases AS c
            JOIN org_units AS u ON u.id = c.unit_id
            LEFT JOIN enterprises AS e ON e.id = c.enterprise_id
            WHERE {CaseVisibility.Sees(_dialect)}{filters}{(search is null ? "" : TextCondition(search))}
            ORDER BY c.risk_color DESC, CASE WHEN c.next_due_at IS NULL THEN 1 ELSE 0 END, c.next_due_at, c.id
            {_dialect.Paging()}
            """;
        var rows = (await connection.QueryAsync<StoredListItem>(new CommandDefinition(sql, args, cancellationToken: ct))).ToList();
        var (total, capped) = await CountListAsync(connection, branches, filters, args, ct);
        return ToPage(rows, limit, total, capped, now) with { SearchTooBroad = search?.TooBroad == true };
    }

    /// <summary>
    /// The list filter's conditions (each starting with AND) over <c>c</c>, <c>u</c>, <c>e</c>, and their parameters with
    /// the viewer's; all but the search text, which chooses the list's branches (<see cref="SearchTextAsync"/>).
    /// </summary>
    internal (string Filters, DynamicParameters Args) ListFilters(CaseFilter filter, CaseViewer viewer, DateTimeOffset now)
    {
        var where = new StringBuilder();
        // Every value added by name (not a template object), so that a kept command can bind them (RowWriter.QueryAsync);
        // through Dapper too, each statement gets only the values its text names, as a kept command does.
        var args = new DynamicParameters { RemoveUnused = true };
        args.Add("Now", now);
        CaseVisibility.Bind(args, viewer, _dialect);

        if (filter.UnitId is { } unitId)
        {
            // Another jurisdiction's unit simply matches nothing: the caller's own subtree condition still applies.
            where.Append(" AND u.path LIKE (SELECT f.path FROM org_units AS f WHERE f.id = @FilterUnitId) ").Append(_dialect.Provider == DatabaseProvider.Sqlite ? "|| '%'" : "+ '%'");
            args.Add("FilterUnitId", unitId);
        }

        if (filter.States is { Count: > 0 } states)
        {
            where.Append(" AND c.state IN @States");
            args.Add("States", states.Select(s => s.ToString()).ToArray());
        }

        if (filter.Color is { } color)
        {
            where.Append(" AND c.risk_color = @Color");
            args.Add("Color", (int)color);
        }

        if (filter.Level is { } level)
        {
            where.Append(" AND c.level = @Level");
            args.Add("Level", level);
        }

        if (filter.NoLevel)
        {
            where.Append(" AND c.level IS NULL");
        }

        if (filter.MediatorUserId is { } mediator)
        {
            where.Append(" AND c.mediator_user_id = @MediatorUserId");
            args.Add("MediatorUserId", mediator);
        }

        if (filter.OpenOnly)
        {
            where.Append(" AND c.closed_at IS NULL");
        }

        if (filter.Overdue)
        {
            where.Append(" AND c.next_due_at <= @Now");
        }

        if (filter.NotOverdue)
        {
            where.Append(" AND c.next_due_at > @Now");
        }

        if (filter.DueWithin is { } within)
        {
            where.Append(" AND c.next_due_at <= @DueBefore");
            args.Add("DueBefore", now + within);
        }

        if (filter.Recovered)
        {
            where.Append(" AND c.amount_recovered > 0");
        }

        if (filter.ReceivedFrom is { } receivedFrom)
        {
            where.Append(" AND c.first_received_at >= @ReceivedFrom");
            args.Add("ReceivedFrom", receivedFrom);
        }

        if (filter.ReceivedBefore is { } receivedBefore)
        {
            where.Append(" AND c.first_received_at < @ReceivedBefore");
            args.Add("ReceivedBefore", receivedBefore);
        }

        if (filter.ClosedFrom is { } closedFrom)
        {
            where.Append(" AND c.closed_at >= @ClosedFrom");
            args.Add("ClosedFrom", closedFrom);
        }

        if (filter.ClosedBefore is { } closedBefore)
        {
            where.Append(" AND c.closed_at < @ClosedBefore");
            args.Add("ClosedBefore", closedBefore);
        }

        if (filter.PartyNumberHash is { } hash)
        {
            where.Append(" AND EXISTS (SELECT 1 FROM case_parties AS h WHERE h.case_id = c.id AND (h.id_number_hash = @PartyNumberHash OR h.phone_hash = @PartyNumberHash))");
            args.Add("PartyNumberHash", hash);
        }

        // The search text is not a condition here: its candidates are looked up first (CaseQueries.TextSearch.cs).
        return (where.ToString(), args);
    }

    private static readonly string AwaitingList = string.Join(", ", Awaiting.Select(a => "'" + a + "'"));

    // The inbox's cases: at the unit, awaiting acceptance, and the unit in the reader's subtree.
    private string InboxCondition => $"c.unit_id = @UnitId AND c.state IN ({AwaitingList}) AND {_dialect.SubtreeCondition("u.path")}";

    private string? _inboxCountSql;

    /// <summary>
    /// How many cases <see cref="InboxAsync"/> lists, counted from the (unit, state) index without reading them: the
    /// header's figure on every page a township user opens.
    /// </summary>
    public async Task<int> InboxCountAsync(long unitId, string scopePath, CancellationToken ct = default)
    {
        var sql = _inboxCountSql ??= $"SELECT COUNT(*) FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id WHERE {InboxCondition}";
        return (int)await database.ReadAsync(
            connection => RowWriter.Cached(connection, null, _dialect).ScalarInt64Async(sql, new InboxArgs(unitId, _dialect.SubtreePattern(scopePath)), ct),
            ct);
    }

    /// <summary>Cases waiting at <paramref name="unitId"/> for acceptance, the one whose acceptance time runs out first on top.</summary>
    public async Task<IReadOnlyList<InboxItem>> InboxAsync(long unitId, string scopePath, CancellationToken ct = default)
    {
        var sql = _inboxSql ??= $"""
            SELECT c.id AS Id, c.number AS Number, c.risk_color AS RiskColor, c.level AS Level, e.name AS EnterpriseName,
                   c.workers_involved AS WorkersInvolved, c.amount_owed AS AmountOwed, c.received_at AS ReceivedAt, c.version AS Version,
                   (SELECT MAX(d.due_at) FROM case_deadlines AS d
                     WHERE d.case_id = c.id AND d.kind = 'acceptance' AND d.for_state = c.state) AS AcceptBy
            FROM cases AS c
            JOIN org_units AS u ON u.id = c.unit_id
            LEFT JOIN enterprises AS e ON e.id = c.enterprise_id
            WHERE {InboxCondition}
            """;

        // On a command kept with a connection held for reads: the inbox page and API read it on every visit.
        var rows = await database.ReadAsync(
            connection => RowWriter.Cached(connection, null, _dialect).ReadAsync(
                sql, new InboxArgs(unitId, _dialect.SubtreePattern(scopePath)), reader => RowWriter.RowsOf<StoredInboxItem>(reader, ct), ct),
            ct);
        var now = time.GetUtcNow();
        return
        [
            .. rows
                .OrderBy(r => r.AcceptBy ?? DateTimeOffset.MaxValue)
                .ThenByDescending(r => r.RiskColor)
                .ThenBy(r => r.Id)
                .Select(r => new InboxItem(
                    r.Id, r.Number, (RiskColor?)r.RiskColor, r.Level, r.EnterpriseName, r.WorkersInvolved ?? 0, r.AmountOwed ?? 0m, r.ReceivedAt,
                    r.AcceptBy, r.AcceptBy is { } by ? (long)(by - now).TotalSeconds : null, r.AcceptBy <= now, r.Version)),
        ];
    }

    /// <summary>The risk dashboard of the subtree at <paramref name="scopePath"/>, broken down by the units directly below it.</summary>
    /// <remarks>
    /// Read from the per-unit summary (migration 0018, kept by <see cref="Reports.CaseSummaryWriter"/>) and aggregated in
    /// SQL to what the dashboard shows: the subtree's totals by (open, colour, level), a few dozen rows, and one row per
    /// unit directly below the root, found from each unit's path (<see cref="SqlDialect.ChildPathBelowRoot"/>). Overdue
    /// and due-soon depend on the clock, so they are counted from the open cases whose next deadline is within 48 hours,
    /// unit by unit from an index, without touching the table (<see cref="DueSql"/>). With a lifetime configured
    /// (<see cref="DashboardOptions.FiguresSeconds"/>) one root's figures are reused for that long:
    /// <see cref="Dashboard.CountedAt"/> says when they were counted.
    /// </remarks>
    public Task<Dashboard> DashboardAsync(string scopePath, int weeks = 12, CancellationToken ct = default) =>
        ReusedDashboardAsync(scopePath, weeks, ct);

    private async Task<Dashboard> CountDashboardAsync(string scopePath, int weeks, DateTimeOffset now, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(now);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var mondays = Enumerable.Range(0, weeks).Select(i => thisMonday.AddDays(7 * (i - weeks + 1))).ToArray();

        var sql = _dashboardSql ??= DashboardSql();
        var args = new
        {
            SubtreePattern = _dialect.SubtreePattern(scopePath),
            RootLength = scopePath.Length,
            FirstWeek = mondays[0],
            LastWeek = mondays[^1],
            RootPath = scopePath,
        };

        await using var connection = await database.OpenAsync(ct);
        List<StoredSummaryCell> cells;
        Dictionary<string, StoredChildFigures> units;
        Dictionary<DateOnly, StoredWeek> trend;
        List<StoredChild> children;
        await using (var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, args, cancellationToken: ct)))
        {
            cells = (await grid.ReadAsync<StoredSummaryCell>()).ToList();
            units = (await grid.ReadAsync<StoredChildFigures>()).ToDictionary(u => u.Path, StringComparer.Ordinal);
            trend = (await grid.ReadAsync<StoredWeek>()).ToDictionary(w => w.WeekStart);
            children = (await grid.ReadAsync<StoredChild>()).ToList();
        }

        var open = cells.Where(r => r.IsOpen && r.Cases != 0).ToList();
        var due = await CountDueAsync(connection, scopePath, now, ct);

        // The root's own rows come back under the empty path: they count in the totals, not in any unit's row.
        var byUnit = children.Select(u =>
        {
            var mine = units.GetValueOrDefault(u.Path);
            return new UnitFigures(
                u.Id, u.Name, mine?.Yellow ?? 0, mine?.Orange ?? 0, mine?.Red ?? 0,
                due.GetValueOrDefault(u.Path).Overdue, mine?.AmountOwed ?? 0m, mine?.AmountRecovered ?? 0m);
        }).ToList();

        return new Dashboard
        {
            Open =
            [
                .. open.OrderByDescending(r => r.RiskColor).ThenBy(r => r.Level)
                    .Select(r => new DashboardCell(r.RiskColor == 0 ? null : (RiskColor?)r.RiskColor, r.Level == 0 ? null : r.Level, r.Cases)),
            ],
            ByUnit = byUnit,
            OpenCases = open.Sum(r => r.Cases),
            Overdue = due.Values.Sum(r => r.Overdue),
            DueWithin48Hours = due.Values.Sum(r => r.DueSoon),
            CountedAt = now,
            AmountOwed = open.Sum(r => r.AmountOwed),
            AmountRecovered = cells.Sum(r => r.AmountRecovered),
            WorkersInvolved = open.Sum(r => r.WorkersInvolved),
            Weeks =
            [
                .. mondays.Select(m => trend.TryGetValue(m, out var w) ? new WeekFigures(m, w.New, w.Closed) : new WeekFigures(m, 0, 0)),
            ],
        };
    }

    /// <summary>The statements of <see cref="DashboardAsync"/> but the due counts: totals, units below the root, weeks, the units.</summary>
    internal string DashboardSql()
    {
        var subtree = _dialect.SubtreeCondition("u.path");
        var child = _dialect.ChildPathBelowRoot("u.path");
        var (yellow, orange, red) = ((int)RiskColor.Yellow, (int)RiskColor.Orange, (int)RiskColor.Red);
        return $"""
            SELECT s.risk_color AS RiskColor, s.level AS Level, s.is_open AS IsOpen,
                   SUM(s.cases) AS Cases, SUM(s.amount_owed) AS AmountOwed, SUM(s.workers) AS WorkersInvolved,
                   SUM(s.amount_recovered) AS AmountRecovered
            FROM case_summary AS s JOIN org_units AS u ON u.id = s.unit_id
            WHERE {subtree} AND (s.cases <> 0 OR s.amount_recovered <> 0)
            GROUP BY s.risk_color, s.level, s.is_open;
            SELECT k.child AS Path,
                   SUM(CASE WHEN k.is_open = 1 AND k.risk_color = {yellow} THEN k.cases ELSE 0 END) AS Yellow,
                   SUM(CASE WHEN k.is_open = 1 AND k.risk_color = {orange} THEN k.cases ELSE 0 END) AS Orange,
                   SUM(CASE WHEN k.is_open = 1 AND k.risk_color = {red} THEN k.cases ELSE 0 END) AS Red,
                   SUM(CASE WHEN k.is_open = 1 THEN k.amount_owed ELSE 0 END) AS AmountOwed,
                   SUM(k.amount_recovered) AS AmountRecovered
            FROM (SELECT {child} AS child, s.is_open, s.risk_color, s.cases, s.amount_owed, s.amount_recovered
                  FROM case_summary AS s JOIN org_units AS u ON u.id = s.unit_id
                  WHERE {subtree} AND (s.cases <> 0 OR s.amount_recovered <> 0)) AS k
            GROUP BY k.child;
            SELECT w.week_start AS WeekStart, SUM(w.new_cases) AS New, SUM(w.closed_cases) AS Closed
            FROM case_week_summary AS w JOIN org_units AS u ON u.id = w.unit_id
            WHERE {subtree} AND w.week_start >= @FirstWeek AND w.week_start <= @LastWeek
            GROUP BY w.week_start;
            SELECT id AS Id, name AS Name, path AS Path FROM org_units AS u
            WHERE u.parent_id = (SELECT r.id FROM org_units AS r WHERE r.path = @RootPath);
            """;
    }

    /// <summary>
    /// The clear ID-card and phone numbers of a case's workers, for a role allowed to see them. Writes the audit
    /// row in the same transaction as the read: no reveal without its record.
    /// </summary>
    /// <returns>Null when the case is not in the caller's jurisdiction.</returns>
    public Task<IReadOnlyList<RevealedWorker>?> RevealAsync(long caseId, CaseActor actor, string? purpose, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync<IReadOnlyList<RevealedWorker>?>(
            async (connection, transaction) =>
            {
                var sql = $"""
                    SELECT p.name AS Name, p.id_type AS IdType, p.id_number AS IdNumber, p.id_country AS IdCountry, p.phone AS Phone, c.number AS Number
                    FROM cases AS c
                    JOIN org_units AS u ON u.id = c.unit_id
                    JOIN case_parties AS p ON p.case_id = c.id AND p.kind = 'worker'
                    WHERE c.id = @Id AND {CaseVisibility.Sees(_dialect)}
                    ORDER BY p.id
                    """;
                var args = CaseVisibility.Bind(new DynamicParameters(new { Id = caseId }), actor.Viewer, _dialect);
                var rows = (await connection.QueryAsync<StoredReveal>(new CommandDefinition(sql, args, transaction, cancellationToken: ct))).ToList();
                if (rows.Count == 0)
                {
                    return null;
                }

                await audit.WriteAsync(
                    connection, transaction, actor.Audit, "case.reveal", "case", caseId.ToString(CultureInfo.InvariantCulture),
                    new { rows[0].Number, workers = rows.Count, purpose, partnerOrgId = actor.PartnerOrgId }, ct);
                return [.. rows.Select(r => new RevealedWorker(
                    r.Name, r.IdNumber ?? "", r.Phone ?? "", r.IdType is null ? IdDocumentType.ResidentId : DbCode.Parse<IdDocumentType>(r.IdType), r.IdCountry))];
            },
            ct);
    }

    /// <summary>
    /// Who may take a case accepted at <paramref name="unitId"/>: the active mediators and township users of that unit,
    /// and of the units below it that host a level of the county's mediation ladder. A unit below that hosts no level
    /// (a Jimo village, say) mediates nothing, so its users are not offered.
    /// </summary>
    public async Task<IReadOnlyList<AssignableMediator>> AssignableMediatorsAsync(long unitId, CancellationToken ct = default)
    {
        const string unitSql = "SELECT path AS Path FROM org_units WHERE id = @UnitId";
        var sql = $"""
            SELECT m.id AS Id, m.display_name AS DisplayName, mu.id AS UnitId, mu.name AS UnitName,
                   CASE WHEN EXISTS (SELECT 1 FROM user_roles AS r WHERE r.user_id = m.id AND r.role = 'mediator') THEN 1 ELSE 0 END AS IsMediator
            FROM users AS m
            JOIN org_units AS mu ON mu.id = m.unit_id
            WHERE m.is_active = 1 AND m.partner_org_id IS NULL AND {_dialect.SubtreeCondition("mu.path")}
              AND EXISTS (SELECT 1 FROM user_roles AS r WHERE r.user_id = m.id AND r.role IN ('mediator', 'township'))
              AND (mu.id = @UnitId
                   OR mu.kind IN (SELECT l.host_kind FROM mediation_ladders AS l
                                  WHERE l.county_id = (SELECT a.county_id FROM org_units AS a WHERE a.id = @UnitId)))
            ORDER BY CASE WHEN mu.id = @UnitId THEN 0 ELSE 1 END, mu.path, m.display_name, m.id
            """;
        await using var connection = await database.OpenAsync(ct);
        var path = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(unitSql, new { UnitId = unitId }, cancellationToken: ct));
        if (path is null)
        {
            return [];
        }

        var rows = await connection.QueryAsync<StoredMediator>(new CommandDefinition(
            sql, new { UnitId = unitId, SubtreePattern = _dialect.SubtreePattern(path) }, cancellationToken: ct));
        return [.. rows.Select(r => new AssignableMediator(r.Id, r.DisplayName, r.UnitId, r.UnitName, r.IsMediator))];
    }

    /// <summary>Whether the organisation is an active partner of the case's county of the kind the body names (a referral's address).</summary>
    public async Task<bool> IsReferrablePartnerAsync(long caseId, long partnerOrgId, ReferralBody body, CancellationToken ct = default)
    {
        const string sql = """
            SELECT COUNT(*) FROM partner_orgs AS p
            WHERE p.id = @PartnerOrgId AND p.is_active = 1 AND p.kind = @Kind
              AND p.county_id = (SELECT o.county_id FROM cases AS c JOIN org_units AS o ON o.id = c.unit_id WHERE c.id = @CaseId)
            """;
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            sql, new { PartnerOrgId = partnerOrgId, Kind = DbCode.Of(body), CaseId = caseId }, cancellationToken: ct)) == 1;
    }

    /// <summary>Whether <paramref name="userId"/> may take the case <paramref name="caseId"/> at the unit holding it now.</summary>
    public async Task<bool> IsAssignableMediatorAsync(long userId, long caseId, CancellationToken ct = default)
    {
        const string sql = "SELECT unit_id FROM cases WHERE id = @CaseId";
        long? unitId;
        await using (var connection = await database.OpenAsync(ct))
        {
            unitId = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(sql, new { CaseId = caseId }, cancellationToken: ct));
        }

        return unitId is { } unit && (await AssignableMediatorsAsync(unit, ct)).Any(m => m.Id == userId);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);

    // Into a class: a NULL (no agreement, no arbitration clock) must not reach the type handlers, which read only real values.
    private sealed class StoredFacts
    {
        public string UnitName { get; init; } = "";
        public long? EnterpriseId { get; init; }
        public string? EnterpriseName { get; init; }
        public string? CreditCode { get; init; }
        public string? MediatorName { get; init; }
        public DateTimeOffset? ArbitrationRightFrom { get; init; }
        public long? AgreementId { get; init; }
        public decimal? AgreementAmount { get; init; }
        public DateOnly? AgreementDueDate { get; init; }
        public string? AgreementMethod { get; init; }
        public long? ReferralId { get; init; }
        public string? ReferralBody { get; init; }
        public string? ReferralNumber { get; init; }
        public bool HasSessions { get; init; }
        public bool HasActivities { get; init; }
        public bool HasShares { get; init; }
        public bool HasSupervisions { get; init; }
    }

    private sealed class StoredDeadline
    {
        public string Kind { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
        public bool CalendarMissing { get; init; }
    }

    private sealed class StoredEvent
    {
        public DateTimeOffset At { get; init; }
        public string ByName { get; init; } = "";
        public string TriggerName { get; init; } = "";
        public string? FromState { get; init; }
        public string ToState { get; init; } = "";
        public string? Reason { get; init; }
    }

    private sealed class StoredSessionPartner
    {
        public long SessionId { get; init; }
        public long PartnerOrgId { get; init; }
        public string Name { get; init; } = "";
        public bool Confirmed { get; init; }
    }

    private sealed class StoredActivity
    {
        public DateTimeOffset At { get; init; }
        public string ByName { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Text { get; init; }
        public string? PartnerName { get; init; }
    }

    private sealed class StoredSession
    {
        public long Id { get; init; }
        public string? Place { get; init; }
        public string? Participants { get; init; }
        public DateTimeOffset HeldAt { get; init; }
        public int Level { get; init; }
        public string Summary { get; init; } = "";
    }

    private sealed class StoredListItem
    {
        public long Id { get; init; }
        public string Number { get; init; } = "";
        public string State { get; init; } = "";
        public int? Level { get; init; }
        public long UnitId { get; init; }
        public string UnitName { get; init; } = "";
        public int? RiskColor { get; init; }
        public string? EnterpriseName { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public decimal? AmountOwed { get; init; }
        public decimal AmountRecovered { get; init; }
        public int? WorkersInvolved { get; init; }
        public DateTimeOffset? NextDueAt { get; init; }
        public int Version { get; init; }
        public int Access { get; init; }

        public CaseListItem ToItem(DateTimeOffset now) => new()
        {
            Id = Id,
            Access = (CaseAccess)Access,
            Number = Number,
            State = Enum.Parse<CaseState>(State),
            Level = Level,
            UnitId = UnitId,
            UnitName = UnitName,
            RiskColor = (RiskColor?)RiskColor,
            EnterpriseName = EnterpriseName,
            ReceivedAt = ReceivedAt,
            AmountOwed = AmountOwed ?? 0m,
            AmountRecovered = AmountRecovered,
            WorkersInvolved = WorkersInvolved ?? 0,
            NextDueAt = NextDueAt,
            Overdue = NextDueAt <= now,
            Version = Version,
        };
    }

    private sealed class StoredInboxItem
    {
        public long Id { get; init; }
        public string Number { get; init; } = "";
        public int? RiskColor { get; init; }
        public int? Level { get; init; }
        public string? EnterpriseName { get; init; }
        public int? WorkersInvolved { get; init; }
        public decimal? AmountOwed { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public DateTimeOffset? AcceptBy { get; init; }
        public int Version { get; init; }
    }

    private sealed class StoredSummaryCell
    {
        public int RiskColor { get; init; }
        public int Level { get; init; }
        public bool IsOpen { get; init; }
        public long Cases { get; init; }
        public decimal AmountOwed { get; init; }
        public long WorkersInvolved { get; init; }
        public decimal AmountRecovered { get; init; }
    }

    private sealed record InboxArgs(long UnitId, string SubtreePattern);

    private sealed record DetailArgs(long Id, long UnitId, long EnterpriseId, long? MediatorUserId);

    private sealed class StoredChildFigures
    {
        public string Path { get; init; } = "";
        public long Yellow { get; init; }
        public long Orange { get; init; }
        public long Red { get; init; }
        public decimal AmountOwed { get; init; }
        public decimal AmountRecovered { get; init; }
    }

    private sealed class StoredDueRow
    {
        public string Path { get; init; } = "";
        public long Overdue { get; init; }
        public long DueSoon { get; init; }
    }

    private sealed class StoredWeek
    {
        public DateOnly WeekStart { get; init; }
        public long New { get; init; }
        public long Closed { get; init; }
    }

    private sealed class StoredChild
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Path { get; init; } = "";
    }

    private sealed class StoredMediator
    {
        public long Id { get; init; }
        public string DisplayName { get; init; } = "";
        public long UnitId { get; init; }
        public string UnitName { get; init; } = "";
        public bool IsMediator { get; init; }
    }

    private sealed class StoredReveal
    {
        public string Name { get; init; } = "";
        public string? IdType { get; init; }
        public string? IdNumber { get; init; }
        public string? IdCountry { get; init; }
        public string? Phone { get; init; }
        public string Number { get; init; } = "";
    }
}
