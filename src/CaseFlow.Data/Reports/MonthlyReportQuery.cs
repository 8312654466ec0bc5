using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Reports;

/// <summary>
/// Builds the <see cref="MonthlyReport"/> of the cases located under a unit (where the dispute arose, so a town keeps
/// counting its cases after they escalate to the county). Month boundaries are midnight China time.
/// </summary>
public sealed class MonthlyReportQuery(Database database)
{
    private static readonly string[] MonthTriggers =
    [
        nameof(CaseTrigger.ConfirmPerformance), nameof(CaseTrigger.Refer), nameof(CaseTrigger.DeadlineElapsed), nameof(CaseTrigger.PerformanceOverdue),
    ];

    private static readonly string[] LevelWords = ["第一级", "第二级", "第三级"];

    /// <exception cref="ArgumentException">No unit with that id.</exception>
    public async Task<MonthlyReport> BuildAsync(long unitId, int year, int month, CancellationToken ct = default)
    {
        var first = new DateOnly(year, month, 1);
        var start = ChinaTime.At(first, TimeOnly.MinValue);
        var end = ChinaTime.At(first.AddMonths(1), TimeOnly.MinValue);
        var dialect = database.Dialect;

        await using var connection = await database.OpenAsync(ct);
        var unit = await connection.QuerySingleOrDefaultAsync<StoredUnit>(new CommandDefinition(
            "SELECT id AS Id, name AS Name, path AS Path, county_id AS CountyId FROM org_units WHERE id = @Id", new { Id = unitId }, cancellationToken: ct))
            ?? throw new ArgumentException($"There is no unit {unitId}.", nameof(unitId));
        var children = (await connection.QueryAsync<StoredUnit>(new CommandDefinition(
            "SELECT id AS Id, name AS Name, path AS Path, county_id AS CountyId FROM org_units WHERE parent_id = @Id ORDER BY id",
            new { Id = unitId }, cancellationToken: ct))).ToList();
        var ladder = (await connection.QueryAsync<StoredLevel>(new CommandDefinition(
            "SELECT level AS Level, name_zh AS Name FROM mediation_ladders WHERE county_id = @CountyId", new { unit.CountyId }, cancellationToken: ct)))
            .ToDictionary(l => l.Level, l => l.Name);

        var subtree = dialect.SubtreeCondition("lu.path");
        var args = new { SubtreePattern = dialect.SubtreePattern(unit.Path), Start = start, End = end, Triggers = MonthTriggers };
        var sql = $"""
            SELECT c.id AS Id, c.first_received_at AS ReceivedAt, c.closed_at AS ClosedAt, c.risk_color AS RiskColor,
                   c.amount_owed AS AmountOwed, c.workers_involved AS WorkersInvolved, c.last_mediation_level AS LastLevel,
                   lu.path AS LocationPath,
                   (SELECT g.to_state FROM case_events AS g
                     WHERE g.id = (SELECT MIN(x.id) FROM case_events AS x WHERE x.case_id = c.id AND x.trigger_name = 'Grade')) AS EntryState,
                   (SELECT l.to_state FROM case_events AS l
                     WHERE l.id = (SELECT MAX(x.id) FROM case_events AS x WHERE x.case_id = c.id AND x.at < @End)) AS StateAtEnd
            FROM cases AS c JOIN org_units AS lu ON lu.id = c.location_unit_id
            WHERE {subtree} AND c.first_received_at < @End AND (c.closed_at IS NULL OR c.closed_at >= @Start);
            SELECT e.case_id AS CaseId, e.at AS At, e.trigger_name AS TriggerName, e.to_state AS ToState
            FROM case_events AS e
            JOIN cases AS c ON c.id = e.case_id
            JOIN org_units AS lu ON lu.id = c.location_unit_id
            WHERE {subtree} AND e.at >= @Start AND e.at < @End AND e.trigger_name IN @Triggers
            ORDER BY e.id;
            SELECT a.amount_paid AS Amount
            FROM agreements AS a
            JOIN cases AS c ON c.id = a.case_id
            JOIN org_units AS lu ON lu.id = c.location_unit_id
            WHERE {subtree} AND a.performed_at >= @Start AND a.performed_at < @End AND a.amount_paid IS NOT NULL;
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, args, cancellationToken: ct));
        var cases = (await grid.ReadAsync<StoredCase>()).ToDictionary(c => c.Id);
        var events = (await grid.ReadAsync<StoredEvent>()).Where(e => cases.ContainsKey(e.CaseId)).ToList();
        var recovered = (await grid.ReadAsync<StoredPayment>()).Sum(p => p.Amount ?? 0m);

        var resolvedEvents = events.Where(e => e.TriggerName == nameof(CaseTrigger.ConfirmPerformance) && e.ToState == nameof(CaseState.Resolved)).ToList();
        var resolved = resolvedEvents.Select(e => e.CaseId).ToHashSet();
        var referred = events.Where(e => e.TriggerName == nameof(CaseTrigger.Refer)).Select(e => e.CaseId).ToHashSet();
        var overdue = events.Where(e => e.TriggerName is nameof(CaseTrigger.DeadlineElapsed) or nameof(CaseTrigger.PerformanceOverdue))
            .Select(e => e.CaseId).ToHashSet();
        var all = cases.Values.ToList();
        bool IsNew(StoredCase c) => c.ReceivedAt >= start;
        bool IsOpen(StoredCase c) => IsStillHandled(c.StateAtEnd ?? c.EntryState);

        MonthlyCounts Count(Func<StoredCase, bool> newIf, Func<StoredCase, bool> resolvedIf, Func<StoredCase, bool> referredIf, Func<StoredCase, bool> openIf) => new(
            all.Count(c => IsNew(c) && newIf(c)),
            all.Count(c => resolved.Contains(c.Id) && resolvedIf(c)),
            all.Count(c => referred.Contains(c.Id) && referredIf(c)),
            all.Count(c => IsOpen(c) && openIf(c)));

        var totals = Count(_ => true, _ => true, _ => true, _ => true);
        var byColor = new[] { RiskColor.Red, RiskColor.Orange, RiskColor.Yellow }
            .Select(color => new ColorFigures(color, Count(Is(color), Is(color), Is(color), Is(color))))
            .ToList();
        var byLevel = Enumerable.Range(1, 3).Select(level =>
        {
            var counts = Count(
                c => LevelOf(c.EntryState) == level,
                c => c.LastLevel == level,
                c => c.LastLevel == level,
                c => (LevelOf(c.StateAtEnd ?? c.EntryState) ?? c.LastLevel) == level);
            var name = ladder.TryGetValue(level, out var ladderName) ? $"{LevelWords[level - 1]}（{ladderName}）" : LevelWords[level - 1];
            var share = totals.Resolved == 0 ? 0m : decimal.Round((decimal)counts.Resolved / totals.Resolved, 4);
            return new LevelFigures(level, name, counts, share);
        }).ToList();

        var byUnit = new List<UnitMonthlyFigures>();
        foreach (var child in children)
        {
            bool Under(StoredCase c) => c.LocationPath.StartsWith(child.Path, StringComparison.Ordinal);
            byUnit.Add(new UnitMonthlyFigures(
                child.Id, child.Name, Count(Under, Under, Under, Under), all.Count(c => Under(c) && overdue.Contains(c.Id))));
        }

        bool Here(StoredCase c) => !children.Any(child => c.LocationPath.StartsWith(child.Path, StringComparison.Ordinal));
        if (all.Any(Here))
        {
            byUnit.Add(new UnitMonthlyFigures(unit.Id, $"{unit.Name}（本级）", Count(Here, Here, Here, Here), all.Count(c => Here(c) && overdue.Contains(c.Id))));
        }

        var days = resolvedEvents.Select(e => (decimal)(e.At - cases[e.CaseId].ReceivedAt).TotalDays).ToList();
        return new MonthlyReport
        {
            Year = year,
            Month = month,
            UnitId = unit.Id,
            UnitName = unit.Name,
            Start = start,
            End = end,
            Totals = totals,
            ByColor = byColor,
            ByLevel = byLevel,
            AmountOwed = all.Where(IsNew).Sum(c => c.AmountOwed ?? 0m),
            AmountRecovered = recovered,
            WorkersInvolved = all.Where(IsNew).Sum(c => (long)(c.WorkersInvolved ?? 0)),
            AverageDaysToResolve = days.Count == 0 ? null : decimal.Round(days.Average(), 1, MidpointRounding.AwayFromZero),
            Overdue = overdue.Count,
            ByUnit = byUnit,
        };
    }

    private static Func<StoredCase, bool> Is(RiskColor color) => c => c.RiskColor == (int)color;

    /// <summary>在办: registered, in mediation at some level, or waiting for the agreed payment.</summary>
    private static bool IsStillHandled(string? state) =>
        state is null
        || (Enum.TryParse<CaseState>(state, out var parsed)
            && (parsed is CaseState.Registered or CaseState.AgreementReached || CaseWorkflow.LevelOf(parsed) is not null));

    private static int? LevelOf(string? state) =>
        state is not null && Enum.TryParse<CaseState>(state, out var parsed) ? CaseWorkflow.LevelOf(parsed) : null;

    private sealed class StoredUnit
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Path { get; init; } = "";
        public long CountyId { get; init; }
    }

    private sealed class StoredLevel
    {
        public int Level { get; init; }
        public string Name { get; init; } = "";
    }

    private sealed class StoredCase
    {
        public long Id { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
        public int? RiskColor { get; init; }
        public decimal? AmountOwed { get; init; }
        public int? WorkersInvolved { get; init; }
        public int? LastLevel { get; init; }
        public string LocationPath { get; init; } = "";
        public string? EntryState { get; init; }
        public string? StateAtEnd { get; init; }
    }

    private sealed class StoredEvent
    {
        public long CaseId { get; init; }
        public DateTimeOffset At { get; init; }
        public string TriggerName { get; init; } = "";
        public string ToState { get; init; } = "";
    }

    private sealed class StoredPayment
    {
        public decimal? Amount { get; init; }
    }
}
