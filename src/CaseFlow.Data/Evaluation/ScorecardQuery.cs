using CaseFlow.Data.Organisation;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Domain.Organisation;
using Dapper;

namespace CaseFlow.Data.Evaluation;

/// <summary>A unit's scorecard for a period, with the previous period's score for the trend.</summary>
public sealed record UnitScore(OrgUnit Unit, Scorecard Card, decimal? PreviousScore, int? RatedStars)
{
    public decimal? Trend => PreviousScore is { } previous ? Card.Score - previous : null;
}

/// <summary>The ranking of a county's units for a period: every unit that handles cases, best score first.</summary>
public sealed record Ranking(ScorePeriod Period, ScoringScheme Scheme, IReadOnlyList<UnitScore> Units, IReadOnlyDictionary<long, ScoredCase> Cases);

/// <summary>
/// Scorecards from case data: the cases received in a period at each unit or below it, their events, agreements and
/// follow-ups, read in three statements for the whole scope and scored by <see cref="ScorecardCalculator"/>.
/// </summary>
public sealed class ScorecardQuery(Database database, OrgStore orgs, TimeProvider time)
{
    private readonly SqlDialect _dialect = database.Dialect;

    /// <summary>The units below <paramref name="scopePath"/> (the caller's unit itself left out), scored and ranked.</summary>
    /// <param name="countyId">The county whose scheme applies.</param>
    public async Task<Ranking> RankAsync(long countyId, string scopePath, ScorePeriod period, CancellationToken ct = default)
    {
        var units = (await orgs.SubtreeAsync(scopePath, ct)).Where(u => u.Path != scopePath && u.Kind != UnitKind.County).ToList();
        return await ScoreAsync(countyId, scopePath, units, period, ct);
    }

    /// <summary>One unit's scorecard, or null when the unit is not below <paramref name="scopePath"/>.</summary>
    public async Task<UnitScore?> UnitAsync(long countyId, string scopePath, long unitId, ScorePeriod period, CancellationToken ct = default)
    {
        var unit = await orgs.GetUnitAsync(unitId, ct);
        if (unit is null || unit.Path == scopePath || !unit.Path.StartsWith(scopePath, StringComparison.Ordinal))
        {
            return null;
        }

        return (await ScoreAsync(countyId, unit.Path, [unit], period, ct)).Units.Single();
    }

    /// <summary>
    /// The cases of a period under <paramref name="scopePath"/>, by id: the drill-down behind an indicator. The cases
    /// supervised with a feedback date in the period are among them, wherever they were received.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, ScoredCase>> CasesOfAsync(string scopePath, ScorePeriod period, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var connection = await database.OpenAsync(ct);
        var cases = (await CasesAsync(connection, scopePath, period, ct)).ToDictionary(c => c.Id);
        foreach (var supervised in await SupervisedCasesAsync(connection, scopePath, period, ct))
        {
            cases.TryAdd(supervised.Id, supervised);
        }

        return cases;
    }

    private async Task<Ranking> ScoreAsync(long countyId, string scopePath, IReadOnlyList<OrgUnit> units, ScorePeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var today = ChinaTime.DateOf(time.GetUtcNow());

        await using var connection = await database.OpenAsync(ct);
        var scheme = await SchemeStore.InEffectAsync(connection, null, countyId, period.From, ct);
        var previousScheme = await SchemeStore.InEffectAsync(connection, null, countyId, period.Previous.From, ct);
        var cases = await CasesAsync(connection, scopePath, period, ct);
        var previousCases = await CasesAsync(connection, scopePath, period.Previous, ct);
        var bonuses = await BonusItemStore.AcceptedAsync(connection, _dialect, scopePath, period.Year, ct);
        var previousBonuses = period.Previous.Year == period.Year ? bonuses : await BonusItemStore.AcceptedAsync(connection, _dialect, scopePath, period.Previous.Year, ct);
        var supervisions = await Supervision.SupervisionStore.DueDatesAsync(connection, _dialect, scopePath, period.From, period.To, ct);
        var previousSupervisions = await Supervision.SupervisionStore.DueDatesAsync(connection, _dialect, scopePath, period.Previous.From, period.Previous.To, ct);
        var rated = period.Kind == PeriodKind.Year
            ? await StarRatingStore.LatestAsync(connection, _dialect, scopePath, period.Year, ct)
            : new Dictionary<long, int>();

        var asOf = period.To <= today ? period.To.AddDays(-1) : today;
        var previousAsOf = period.Previous.To <= today ? period.Previous.To.AddDays(-1) : today;
        var scores = units.Select(unit =>
        {
            var card = ScorecardCalculator.Compute(scheme, FactsFor(unit, cases, bonuses, period, asOf) with { Supervisions = Under(unit, supervisions) });
            var previous = ScorecardCalculator.Compute(previousScheme, FactsFor(unit, previousCases, previousBonuses, period.Previous, previousAsOf) with { Supervisions = Under(unit, previousSupervisions) });
            return new UnitScore(unit, card, previous.Score, rated.TryGetValue(unit.Id, out var stars) ? stars : null);
        })
            .OrderByDescending(s => s.Card.Score).ThenBy(s => s.Unit.Path, StringComparer.Ordinal)
            .ToList();
        return new Ranking(period, scheme, scores, cases.ToDictionary(c => c.Id));
    }

    internal static UnitFacts FactsFor(OrgUnit unit, IReadOnlyList<ScoredCase> cases, IReadOnlyList<StoredBonus> bonuses, ScorePeriod period, DateOnly asOf) => new()
    {
        UnitId = unit.Id,
        Cases = [.. cases.Where(c => c.LocationPath.StartsWith(unit.Path, StringComparison.Ordinal))],
        AcceptedBonuses = [.. bonuses.Where(b => b.UnitId == unit.Id && b.Year == period.Year).Select(b => new AcceptedBonus(b.Id, b.Kind, b.Title))],
        AsOf = asOf,
    };

    // A unit answers for the supervisions that fell to it or to a unit below it, as for its cases.
    private static IReadOnlyList<SupervisionDueDate> Under(OrgUnit unit, IReadOnlyList<SupervisionDueDate> dates) =>
        [.. dates.Where(d => d.UnitPath.StartsWith(unit.Path, StringComparison.Ordinal))];

    // The supervised cases behind the supervision indicator and deduction, as the drill-down lists them.
    private async Task<IReadOnlyList<ScoredCase>> SupervisedCasesAsync(System.Data.Common.DbConnection connection, string scopePath, ScorePeriod period, CancellationToken ct)
    {
        var sql = $"""
            SELECT c.id AS Id, c.number AS Number, lu.path AS LocationPath, c.risk_color AS RiskColor,
                   c.amount_owed AS AmountOwed, c.amount_recovered AS AmountRecovered
            FROM cases AS c
            JOIN org_units AS lu ON lu.id = c.location_unit_id
            WHERE c.id IN (SELECT s.case_id FROM supervisions AS s
                           JOIN supervision_due_dates AS d ON d.supervision_id = s.id
                           JOIN org_units AS su ON su.id = s.unit_id
                           WHERE {_dialect.SubtreeCondition("su.path")} AND d.due_on >= @From AND d.due_on < @To)
            """;
        var rows = await connection.QueryAsync<StoredCase>(new CommandDefinition(
            sql, new { SubtreePattern = _dialect.SubtreePattern(scopePath), period.From, period.To }, cancellationToken: ct));
        return [.. rows.Select(r => new ScoredCase
        {
            Id = r.Id,
            Number = r.Number,
            LocationPath = r.LocationPath,
            Color = (RiskColor?)r.RiskColor,
            AmountOwed = r.AmountOwed,
            AmountRecovered = r.AmountRecovered,
        })];
    }

    /// <summary>The cases received in the period whose starting unit lies in the scope, with their steps, agreements and satisfaction.</summary>
    internal async Task<IReadOnlyList<ScoredCase>> CasesAsync(System.Data.Common.DbConnection connection, string scopePath, ScorePeriod period, CancellationToken ct)
    {
        var inPeriod = $"""
            FROM cases AS c
            JOIN org_units AS lu ON lu.id = c.location_unit_id
            WHERE {_dialect.SubtreeCondition("lu.path")} AND c.first_received_at >= @From AND c.first_received_at < @To
            """;
        var sql = $"""
            SELECT c.id AS Id, c.number AS Number, lu.path AS LocationPath, c.risk_color AS RiskColor,
                   c.amount_owed AS AmountOwed, c.amount_recovered AS AmountRecovered
            {inPeriod};
            SELECT e.case_id AS CaseId, e.at AS At, e.trigger_name AS TriggerName, e.from_state AS FromState, e.to_state AS ToState, e.data AS Data
            FROM case_events AS e
            WHERE e.case_id IN (SELECT c.id {inPeriod})
            ORDER BY e.case_id, e.id;
            SELECT a.case_id AS CaseId, a.payment_due_date AS PaymentDueDate, a.performed_at AS PerformedAt
            FROM agreements AS a
            WHERE a.case_id IN (SELECT c.id {inPeriod});
            """;
        var args = new
        {
            SubtreePattern = _dialect.SubtreePattern(scopePath),
            From = ChinaTime.At(period.From, TimeOnly.MinValue),
            To = ChinaTime.At(period.To, TimeOnly.MinValue),
        };
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, args, cancellationToken: ct));
        var rows = (await grid.ReadAsync<StoredCase>()).ToList();
        var events = (await grid.ReadAsync<StoredEvent>()).ToLookup(e => e.CaseId);
        var agreements = (await grid.ReadAsync<StoredAgreement>()).ToLookup(a => a.CaseId);
        return [.. rows.Select(r => new ScoredCase
        {
            Id = r.Id,
            Number = r.Number,
            LocationPath = r.LocationPath,
            Color = (RiskColor?)r.RiskColor,
            AmountOwed = r.AmountOwed,
            AmountRecovered = r.AmountRecovered,
            Steps = [.. events[r.Id].Select(e => new CaseStep(e.At, Enum.Parse<CaseTrigger>(e.TriggerName), e.FromState is null ? null : Enum.Parse<CaseState>(e.FromState), Enum.Parse<CaseState>(e.ToState)))],
            Agreements = [.. agreements[r.Id].Select(a => new AgreementFact(a.PaymentDueDate, a.PerformedAt))],
            Satisfaction = events[r.Id].LastOrDefault(e => e.TriggerName == nameof(CaseTrigger.RecordFollowUp)) is { Data: { } data }
                ? DbJson.Deserialize<FollowUp>(data)?.Satisfaction
                : null,
        })];
    }

    private sealed class StoredCase
    {
        public long Id { get; init; }
        public string Number { get; init; } = "";
        public string LocationPath { get; init; } = "";
        public int? RiskColor { get; init; }
        public decimal? AmountOwed { get; init; }
        public decimal AmountRecovered { get; init; }
    }

    private sealed class StoredEvent
    {
        public long CaseId { get; init; }
        public DateTimeOffset At { get; init; }
        public string TriggerName { get; init; } = "";
        public string? FromState { get; init; }
        public string ToState { get; init; } = "";
        public string? Data { get; init; }
    }

    private sealed class StoredAgreement
    {
        public long CaseId { get; init; }
        public DateOnly PaymentDueDate { get; init; }
        public DateTimeOffset? PerformedAt { get; init; }
    }
}
