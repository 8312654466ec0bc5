using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;

namespace CaseFlow.Data.Cases;

/// <summary>
/// The case list by keyset (issue 17). The order (colour, next deadline with none last, id) is cut into eight segments,
/// one per colour with and without a deadline; inside a segment the order is plain (next_due_at, id) or (id), which an
/// index returns as it is. A page walks the segments from the cursor's on and stops when it is full.
/// <para>
/// Visibility (<see cref="CaseVisibility.Sees"/>) is one OR of EXISTS conditions, which no index serves; here it is
/// split into branches that each come out of an index in the segment's order, and the branches' first rows are merged in
/// memory: the viewer's subtree (unit by unit when it has few units, otherwise one ordered walk that checks each row's
/// unit), the cases assigned to the viewer outside it, the cases held before by the subtree that now sit at an ancestor
/// of the viewer's unit (escalation only goes up), or, for a partner, the cases shared with the organisation.
/// </para>
/// </summary>
public sealed partial class CaseQueries
{
    /// <summary>Above this many cases a list says "1,000+" instead of counting on.</summary>
    public const int DefaultTotalCap = 1000;

    /// <summary>The cap of the lists' totals (<see cref="DefaultTotalCap"/>; smaller in tests).</summary>
    public int TotalCap { get; init; } = DefaultTotalCap;

    /// <summary>A subtree of at most this many units is read unit by unit: each unit's cases come out of its own index range.</summary>
    public const int DefaultUnitByUnitLimit = 8;

    /// <summary>The <see cref="DefaultUnitByUnitLimit"/> in use (0 in tests that need the walk over a large subtree).</summary>
    public int UnitByUnitLimit { get; init; } = DefaultUnitByUnitLimit;

    private const string CasesFirst = "cases AS c CROSS JOIN org_units AS u";
    private const string UnitsFirst = "org_units AS u CROSS JOIN cases AS c";

    private string ListColumns => $"""
        c.id AS Id, c.number AS Number, c.state AS State, c.level AS Level, c.unit_id AS UnitId, u.name AS UnitName,
               c.risk_color AS RiskColor, e.name AS EnterpriseName, c.first_received_at AS ReceivedAt,
               c.amount_owed AS AmountOwed, c.amount_recovered AS AmountRecovered, c.workers_involved AS WorkersInvolved,
               c.next_due_at AS NextDueAt, c.version AS Version, {CaseVisibility.AccessOf(_dialect)} AS Access
        """;

    private async Task<Page<CaseListItem>> ListByKeysetAsync(
        DbConnection connection, CaseFilter filter, IReadOnlyList<ListBranch> branches, string filters, DynamicParameters args, int limit, DateTimeOffset now, CancellationToken ct)
    {
        var rows = new List<StoredListItem>();
        var after = filter.After;
        var walked = branches.Where(b => !b.Bounded).ToList();
        var keys = await BoundedKeysAsync(connection, branches, filters, args, ct);
        if (walked.Count == 0)
        {
            // Only bounded branches: the page's rows are known from the keys, and read in one statement.
            var page = keys.Where(k => k.Segment >= (after?.Segment ?? 0) && k.IsAfter(after?.Segment == k.Segment ? after : null) && SegmentMayMatch(k.Segment, filter))
                .Order().Take(limit + 1).ToList();
            if (page.Count > 0)
            {
                args.Add("PickedIds", page.Select(k => k.Id).ToList());
                var read = (await connection.QueryAsync<StoredListItem>(new CommandDefinition(PickedSql, args, cancellationToken: ct))).ToDictionary(r => r.Id);
                rows.AddRange(page.Where(k => read.ContainsKey(k.Id)).Select(k => read[k.Id]));
            }

            return ToPage(rows, limit, Math.Min(keys.Count, TotalCap), keys.Count > TotalCap, now);
        }

        for (var segment = after?.Segment ?? 0; segment < CaseCursor.SegmentCount && rows.Count <= limit; segment++)
        {
            var take = limit + 1 - rows.Count;
            var cursor = after?.Segment == segment ? after : null;
            var picked = keys.Where(k => k.Segment == segment && k.IsAfter(cursor)).Order().Take(take).Select(k => k.Id).ToList();
            if ((walked.Count > 0 || picked.Count > 0) && SegmentMayMatch(segment, filter))
            {
                var sql = walked.Count == 0 ? "" : SegmentSql(walked, segment, cursor, filters, args, take);
                if (picked.Count > 0)
                {
                    args.Add("PickedIds", picked);
                    sql += PickedSql;
                }

                // On a command kept with the connection (Database.ReadAsync): the same shape of list is compiled once.
                var results = walked.Count + (picked.Count > 0 ? 1 : 0);
                var found = await RowWriter.Cached(connection, null, _dialect).QueryAsync(
                    sql,
                    args,
                    async reader =>
                    {
                        var rows = new Dictionary<long, StoredListItem>();
                        for (var read = 0; read < results; read++)
                        {
                            if (read > 0 && !await reader.NextResultAsync(ct))
                            {
                                throw new InvalidOperationException($"The list's statements gave {read} results, not {results}.");
                            }

                            foreach (var row in await RowWriter.RowsOf<StoredListItem>(reader, ct))
                            {
                                rows.TryAdd(row.Id, row);
                            }
                        }

                        return rows;
                    },
                    ct);

                rows.AddRange(found.Values.OrderBy(r => r.NextDueAt).ThenBy(r => r.Id).Take(take));
            }
        }

        var (total, capped) = await CountListAsync(connection, walked, filters, args, ct);
        total += keys.Count;
        return ToPage(rows, limit, Math.Min(total, TotalCap), capped || total > TotalCap, now);
    }

    /// <summary>The list's rows picked by id from a bounded branch's keys (<see cref="BoundedKeysAsync"/>).</summary>
    private string PickedSql => $"""
        SELECT {ListColumns}
        FROM cases AS c CROSS JOIN org_units AS u
        LEFT JOIN enterprises AS e ON e.id = c.enterprise_id
        WHERE c.id IN @PickedIds AND u.id = c.unit_id;
        """;

    /// <summary>
    /// The sort keys of every row of the bounded branches (<see cref="ListBranch.Bounded"/>), read once for the whole
    /// list: a few hundred or thousand rows, sorted and cut in memory segment by segment, and their count is exact.
    /// </summary>
    private static async Task<List<ListKey>> BoundedKeysAsync(
        DbConnection connection, IReadOnlyList<ListBranch> branches, string filters, DynamicParameters args, CancellationToken ct)
    {
        var bounded = branches.Where(b => b.Bounded).ToList();
        if (bounded.Count == 0)
        {
            return [];
        }

        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(BoundedKeysSql(bounded, filters), args, cancellationToken: ct));
        var keys = new List<ListKey>();
        foreach (var _ in bounded)
        {
            keys.AddRange((await grid.ReadAsync<(long Id, int? RiskColor, DateTimeOffset? NextDueAt)>())
                .Select(k => new ListKey(CaseCursor.SegmentOf(k.RiskColor, k.NextDueAt), k.NextDueAt, k.Id)));
        }

        return keys;
    }

    /// <summary>The statements that read the keys of <paramref name="bounded"/>, one per branch. Exposed to the plan tests.</summary>
    internal static string BoundedKeysSql(IEnumerable<ListBranch> bounded, string filters) =>
        string.Join(";\n", bounded.Select(b => $"""
            SELECT c.id AS Id, c.risk_color AS RiskColor, c.next_due_at AS NextDueAt
            FROM {b.From}
            LEFT JOIN enterprises AS e ON e.id = c.enterprise_id
            WHERE {b.Condition}{filters}
            """)) + ";";

    /// <summary>A row's place in the list: its segment, then (next due, id) or (id).</summary>
    private readonly record struct ListKey(int Segment, DateTimeOffset? Due, long Id) : IComparable<ListKey>
    {
        public int CompareTo(ListKey other) =>
            Segment != other.Segment ? Segment.CompareTo(other.Segment)
            : Nullable.Compare(Due, other.Due) is var due and not 0 ? due
            : Id.CompareTo(other.Id);

        /// <summary>Whether the row comes after <paramref name="cursor"/> (a cursor of the same segment, or none).</summary>
        public bool IsAfter(CaseCursor? cursor) =>
            cursor is null || (Due is { } due && cursor.Due is { } at ? due > at || (due == at && Id > cursor.Id) : Id > cursor.Id);
    }

    /// <summary>
    /// The statements that read one segment's next <paramref name="take"/> rows, one per branch, each in the segment's
    /// order straight from an index. Exposed to the plan tests.
    /// </summary>
    internal string SegmentSql(IReadOnlyList<ListBranch> branches, int segment, CaseCursor? after, string filters, DynamicParameters args, int take)
    {
        var color = CaseCursor.Colors[segment / 2];
        var dated = segment % 2 == 0;
        var condition = new StringBuilder(color is null ? " AND c.risk_color IS NULL" : " AND c.risk_color = @SegmentColor");
        condition.Append(dated ? " AND c.next_due_at IS NOT NULL" : " AND c.next_due_at IS NULL");
        if (after is not null)
        {
            // Written as a range on the first column and a check on the second, so the index seeks to the cursor.
            condition.Append(dated ? " AND c.next_due_at >= @AfterDue AND (c.next_due_at > @AfterDue OR c.id > @AfterId)" : " AND c.id > @AfterId");
            args.Add("AfterDue", after.Due);
            args.Add("AfterId", after.Id);
        }

        args.Add("SegmentColor", color);
        args.Add("Take", take);
        var order = dated ? "c.next_due_at, c.id" : "c.id";
        return string.Join(";\n", branches.Select(b => $"""
            SELECT {ListColumns}
            FROM {b.From}
            LEFT JOIN enterprises AS e ON e.id = c.enterprise_id
            WHERE {b.Condition}{condition}{filters}
            ORDER BY {order}
            {_dialect.Paging("0", "@Take")}
            """)) + ";";
    }

    /// <summary>
    /// How the rows the viewer may see are read: see the class summary. Binds the branches' own parameters. A list of
    /// every state reads open and closed cases as separate branches: each has its own partial indexes.
    /// </summary>
    internal Task<IReadOnlyList<ListBranch>> BranchesAsync(DbConnection connection, CaseFilter filter, CaseViewer viewer, DynamicParameters args, CancellationToken ct) =>
        BranchesAsync(connection, filter, viewer, args, null, ct);

    /// <summary>The branches of the list; a text search's (<paramref name="search"/>) replace the viewer's ways in.</summary>
    internal async Task<IReadOnlyList<ListBranch>> BranchesAsync(
        DbConnection connection, CaseFilter filter, CaseViewer viewer, DynamicParameters args, TextSearch? search, CancellationToken ct)
    {
        var branches = search is null ? await VisibilityBranchesAsync(connection, filter, viewer, args, ct) : TextBranches(search, args);
        return filter.OpenOnly
            ? branches
            : [.. branches.SelectMany(b => new[]
            {
                b with { Condition = b.Condition + " AND c.closed_at IS NULL" },
                b with { Condition = b.Condition + " AND c.closed_at IS NOT NULL" },
            })];
    }

    private async Task<IReadOnlyList<ListBranch>> VisibilityBranchesAsync(DbConnection connection, CaseFilter filter, CaseViewer viewer, DynamicParameters args, CancellationToken ct)
    {
        var sees = CaseVisibility.Sees(_dialect);
        if (viewer.IsPartner)
        {
            // A partner's shares are few: they are read from the partner's index and sorted.
            return [new ListBranch("case_shares AS s CROSS JOIN cases AS c CROSS JOIN org_units AS u",
                "s.partner_org_id = @PartnerOrgId AND s.withdrawn_at IS NULL AND c.id = s.case_id AND u.id = c.unit_id")];
        }

        if (filter.PartyNumberHash is not null)
        {
            // A search by a party's number starts from the hash indexes: a handful of cases, sorted.
            return [new ListBranch(CasesFirst, $"""
                c.id IN (SELECT h.case_id FROM case_parties AS h WHERE h.id_number_hash = @PartyNumberHash OR h.phone_hash = @PartyNumberHash)
                  AND u.id = c.unit_id AND {sees}
                """)];
        }

        if (filter.MediatorUserId is not null)
        {
            // One mediator's cases come out of the mediator's index; each is checked against the viewer's visibility.
            return [new ListBranch(CasesFirst, $"c.mediator_user_id = @MediatorUserId AND u.id = c.unit_id AND {sees}")];
        }

        var path = viewer.ScopePath;
        var narrowed = false;
        if (filter.UnitId is { } unitId)
        {
            // The filter's unit need not be the viewer's: its subtree is walked and every row checked against the viewer.
            var unitPath = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT path FROM org_units WHERE id = @FilterUnitId", new { FilterUnitId = unitId }, cancellationToken: ct));
            if (unitPath is null)
            {
                return [];
            }

            (path, narrowed) = (unitPath, true);
        }

        var pattern = _dialect.SubtreePattern(path);
        args.Add("BranchPattern", pattern);
        var subtree = _dialect.SubtreeCondition("u.path", "@BranchPattern");
        var units = await RowWriter.Cached(connection, null, _dialect).ReadAsync(
            _unitProbeSql ??= $"SELECT u.id AS Id FROM org_units AS u WHERE {subtree} ORDER BY u.id {_dialect.Paging("0", "@UnitProbe")}",
            new UnitProbeArgs(pattern, UnitByUnitLimit + 1),
            async reader => (await RowWriter.RowsOf<long>(reader, ct)),
            ct);
        var check = narrowed ? $" AND {sees}" : "";
        var branches = new List<ListBranch>();
        if (units.Count <= UnitByUnitLimit)
        {
            for (var i = 0; i < units.Count; i++)
            {
                args.Add(Invariant($"Unit{i}"), units[i]);
                branches.Add(new ListBranch(CasesFirst, Invariant($"c.unit_id = @Unit{i} AND u.id = c.unit_id{check}")));
            }
        }
        else
        {
            branches.Add(new ListBranch(CasesFirst, $"u.id = c.unit_id AND {subtree}{check}", UnitsFirst));
        }

        if (narrowed)
        {
            return branches;
        }

        if (viewer.UserId is not null)
        {
            branches.Add(new ListBranch(CasesFirst, $"c.mediator_user_id = @ViewerId AND u.id = c.unit_id AND NOT ({subtree})"));
        }

        // A case the subtree held before and escalated sits at an ancestor of the viewer's unit now.
        var ancestors = path.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).ToList();
        for (var i = 0; i < ancestors.Count; i++)
        {
            args.Add(Invariant($"Ancestor{i}"), long.Parse(ancestors[i], CultureInfo.InvariantCulture));
            branches.Add(new ListBranch(CasesFirst, Invariant($"""
                c.unit_id = @Ancestor{i} AND u.id = c.unit_id AND {CaseVisibility.Held(_dialect)}
                  AND (@ViewerId IS NULL OR c.mediator_user_id IS NULL OR c.mediator_user_id <> @ViewerId)
                """)));
        }

        return branches;
    }

    /// <summary>The total, branch by branch (they do not overlap), each count stopping at the cap.</summary>
    private async Task<(long Total, bool Capped)> CountListAsync(
        DbConnection connection, IReadOnlyList<ListBranch> branches, string filters, DynamicParameters args, CancellationToken ct)
    {
        if (branches.Count == 0)
        {
            return (0, false);
        }

        args.Add("Cap", TotalCap + 1);
        var sql = string.Join(";\n", branches.Select(b => _dialect.CappedCount($"""
            FROM {b.CountFrom ?? b.From}
            LEFT JOIN enterprises AS e ON e.id = c.enterprise_id
            WHERE {b.Condition}{filters}
            """))) + ";";
        var total = await RowWriter.Cached(connection, null, _dialect).QueryAsync(
            sql,
            args,
            async reader =>
            {
                long sum = 0;
                for (var read = 0; read < branches.Count; read++)
                {
                    if ((read > 0 && !await reader.NextResultAsync(ct)) || !await reader.ReadAsync(ct))
                    {
                        throw new InvalidOperationException($"The list's counts gave {read} results, not {branches.Count}.");
                    }

                    sum += reader.GetInt64(0);
                }

                return sum;
            },
            ct);

        return total > TotalCap ? (TotalCap, true) : (total, false);
    }

    private string? _unitProbeSql;

    private sealed record UnitProbeArgs(string BranchPattern, int UnitProbe);

    private static bool SegmentMayMatch(int segment, CaseFilter filter)
    {
        var color = CaseCursor.Colors[segment / 2];
        var dated = segment % 2 == 0;
        return (filter.Color is null || (int)filter.Color == color)
               && (dated || (!filter.Overdue && !filter.NotOverdue && filter.DueWithin is null));
    }

    private static Page<CaseListItem> ToPage(List<StoredListItem> rows, int limit, long total, bool capped, DateTimeOffset now)
    {
        var next = rows.Count > limit ? CaseCursor.After(rows[limit - 1].RiskColor, rows[limit - 1].NextDueAt, rows[limit - 1].Id).Encode() : null;
        return new Page<CaseListItem>([.. rows.Take(limit).Select(r => r.ToItem(now))], total) { TotalIsCapped = capped, Next = next };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// One way into the visible rows: a FROM whose first table drives the read, and the join and branch conditions.
    /// <paramref name="CountFrom"/>, when set, drives the count instead (from the units, when the walk runs over cases).
    /// </summary>
    /// <paramref name="Bounded"/>: the branch has at most a few thousand rows (a text search's candidates), so its
    /// keys are read once and sorted in memory (<see cref="BoundedKeysAsync"/>) instead of one read per segment.
    internal sealed record ListBranch(string From, string Condition, string? CountFrom = null, bool Bounded = false);
}
