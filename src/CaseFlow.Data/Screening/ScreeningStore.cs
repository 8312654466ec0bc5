using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Organisation;
using CaseFlow.Domain.Screening;
using Dapper;

namespace CaseFlow.Data.Screening;

/// <summary>A county's screening round for one month.</summary>
public sealed record ScreeningRound(long Id, long CountyId, string Period, DateTimeOffset OpenedAt);

/// <summary>A round as the round list shows it: how far reporting has come.</summary>
public sealed record RoundSummary(long Id, string Period, DateTimeOffset OpenedAt, int Towns, int TownsReported, int Grids, int GridsReported, int Records, int AtRisk);

/// <summary>One enterprise screened in a round, with the colour the grading rules gave it.</summary>
public sealed record ScreeningRecord(
    long Id, long RoundId, string Period, long EnterpriseId, string EnterpriseName, long UnitId, string UnitName, WageStatus Status,
    decimal? MonthsOwed, int? WorkersOwed, decimal? AmountOwed, RiskColor? Color, IReadOnlyList<FiredRule> Rules, string? Note,
    long? CaseId, string? CaseNumber, DateTimeOffset RecordedAt)
{
    public ScreenedArrears? Arrears => MonthsOwed is { } m && WorkersOwed is { } w && AmountOwed is { } a ? new ScreenedArrears(m, w, a) : null;
}

/// <summary>A grid's or town's report of its part of a round (逐级上报).</summary>
public sealed record ScreeningReport(long UnitId, DateTimeOffset ReportedAt, string? Note, string? ReportedBy);

/// <summary>An enterprise of a grid and what this round recorded of it (null: not screened yet).</summary>
public sealed record GridEnterprise(long Id, string Name, string? CreditCode, ScreeningRecord? Record);

/// <summary>A town or grid below the viewer: whether it reported, and its figures.</summary>
public sealed record UnitProgress(
    long UnitId, string Name, UnitKind Kind, ScreeningReport? Report, int Grids, int GridsReported, int Enterprises, int Screened, int AtRisk);

/// <summary>A round seen from one unit: its own report, the units directly below (reported or missing), its grid's enterprises, and the records at risk.</summary>
public sealed record RoundProgress(
    ScreeningRound Round, OrgUnit Unit, ScreeningReport? OwnReport, IReadOnlyList<UnitProgress> Below, IReadOnlyList<GridEnterprise> Enterprises,
    IReadOnlyList<ScreeningRecord> AtRisk)
{
    public IEnumerable<UnitProgress> Missing => Below.Where(b => b.Report is null);
}

/// <summary>What a record or report write became.</summary>
public enum ScreeningOutcome
{
    Done,

    /// <summary>No such round in the caller's county, or the enterprise is outside the grid: answered 404 like a missing one.</summary>
    NotFound,

    /// <summary>The grid or town already reported its part of the round: 409.</summary>
    AlreadyReported,

    /// <summary>Enterprises unscreened or grids unreported, and no note says why: 422.</summary>
    GapsNeedNote,

    /// <summary>A round for the month exists already, or the record has a case already: 409.</summary>
    Exists,
}

/// <summary>A record to save: the status, the arrears when known, and the grade computed from them.</summary>
public sealed record RecordScreening(long RoundId, long EnterpriseId, WageStatus Status, ScreenedArrears? Arrears, string? Note, GradingResult? Grade);

/// <summary>
/// Grid screening (三级摸排、逐级上报): a county opens a round per month; each village grid records every enterprise it
/// screens; the grid, then the town, reports its part upward once. Every change writes its audit row in its own
/// transaction. Rounds are the county's; a grid's records are written only by that grid and only until it reports.
/// </summary>
public sealed class ScreeningStore(Database database, AuditWriter audit, TimeProvider time)
{
    public const int MaxNote = 500;

    private static readonly Dictionary<WageStatus, string> Codes = new()
    {
        [WageStatus.Normal] = "normal",
        [WageStatus.Late] = "late",
        [WageStatus.InArrears] = "arrears",
        [WageStatus.StoppedProduction] = "stopped",
        [WageStatus.OwnerUnreachable] = "unreachable",
    };

    private const string RecordColumns = """
        r.id AS Id, r.round_id AS RoundId, sr.period AS Period, r.enterprise_id AS EnterpriseId, e.name AS EnterpriseName,
        r.unit_id AS UnitId, ru.name AS UnitName, r.wage_status AS WageStatus, r.months_owed AS MonthsOwed, r.workers_owed AS WorkersOwed,
        r.amount_owed AS AmountOwed, r.risk_color AS RiskColor, r.risk_rules AS RiskRules, r.note AS Note, r.case_id AS CaseId,
        c.number AS CaseNumber, r.recorded_at AS RecordedAt
        FROM screening_records AS r
        JOIN screening_rounds AS sr ON sr.id = r.round_id
        JOIN enterprises AS e ON e.id = r.enterprise_id
        JOIN org_units AS ru ON ru.id = r.unit_id
        LEFT JOIN cases AS c ON c.id = r.case_id
        """;

    private readonly SqlDialect _dialect = database.Dialect;

    private readonly string _insertRound = database.Dialect.InsertReturningId("""
        INSERT INTO screening_rounds (county_id, period, opened_by_user_id, opened_at) VALUES (@CountyId, @Period, @UserId, @At)
        """);

    private readonly string _insertReport = database.Dialect.InsertReturningId("""
        INSERT INTO screening_reports (round_id, unit_id, reported_by_user_id, reported_at, note) VALUES (@RoundId, @UnitId, @UserId, @At, @Note)
        """);

    private readonly string _upsertRecord = database.Dialect.Upsert(
        "screening_records", ["round_id", "enterprise_id"],
        ["unit_id", "wage_status", "months_owed", "workers_owed", "amount_owed", "risk_color", "risk_rules", "note", "recorded_by_user_id", "recorded_at"]);

    public static string CodeOf(WageStatus status) => Codes[status];

    /// <summary>Opens the county's round for <paramref name="period"/> ('yyyy-MM'); <see cref="ScreeningOutcome.Exists"/> when it is open already.</summary>
    public Task<(ScreeningOutcome Outcome, long Id)> OpenRoundAsync(long countyId, string period, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            const string existing = "SELECT id FROM screening_rounds WHERE county_id = @CountyId AND period = @Period";
            if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(existing, new { CountyId = countyId, Period = period }, transaction, cancellationToken: ct)) is { } id)
            {
                return (ScreeningOutcome.Exists, id);
            }

            var created = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_insertRound, new
            {
                CountyId = countyId, Period = period, actor.UserId, At = time.GetUtcNow(),
            }, transaction, cancellationToken: ct));
            await audit.WriteAsync(connection, transaction, actor, "screening_round.open", "screening_round", Id(created), new { countyId, period }, ct);
            return (ScreeningOutcome.Done, created);
        }, ct);
    }

    /// <summary>Opens <paramref name="period"/>'s round in every county that has none (the monthly job); returns how many it opened.</summary>
    public async Task<int> OpenRoundsForEveryCountyAsync(string period, AuditActor actor, CancellationToken ct = default)
    {
        const string sql = "SELECT id FROM org_units WHERE kind = 'county' ORDER BY id";
        List<long> counties;
        await using (var connection = await database.OpenAsync(ct))
        {
            counties = [.. await connection.QueryAsync<long>(new CommandDefinition(sql, cancellationToken: ct))];
        }

        var opened = 0;
        foreach (var county in counties)
        {
            if ((await OpenRoundAsync(county, period, actor, ct)).Outcome == ScreeningOutcome.Done)
            {
                opened++;
            }
        }

        return opened;
    }

    /// <summary>The county's rounds, newest month first, with how many towns and grids have reported.</summary>
    public async Task<IReadOnlyList<RoundSummary>> RoundsAsync(long countyId, CancellationToken ct = default)
    {
        const string sql = """
            SELECT sr.id AS Id, sr.period AS Period, sr.opened_at AS OpenedAt,
                   (SELECT COUNT(*) FROM org_units AS t WHERE t.county_id = sr.county_id AND t.kind = 'town') AS Towns,
                   (SELECT COUNT(*) FROM screening_reports AS p JOIN org_units AS t ON t.id = p.unit_id WHERE p.round_id = sr.id AND t.kind = 'town') AS TownsReported,
                   (SELECT COUNT(*) FROM org_units AS v WHERE v.county_id = sr.county_id AND v.kind = 'village') AS Grids,
                   (SELECT COUNT(*) FROM screening_reports AS p JOIN org_units AS v ON v.id = p.unit_id WHERE p.round_id = sr.id AND v.kind = 'village') AS GridsReported,
                   (SELECT COUNT(*) FROM screening_records AS r WHERE r.round_id = sr.id) AS Records,
                   (SELECT COUNT(*) FROM screening_records AS r WHERE r.round_id = sr.id AND r.risk_color IS NOT NULL) AS AtRisk
            FROM screening_rounds AS sr
            WHERE sr.county_id = @CountyId
            ORDER BY sr.period DESC
            """;
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(sql, new { CountyId = countyId }, cancellationToken: ct));
        return [.. rows.Select(r => new RoundSummary(r.Id, r.Period, r.OpenedAt, (int)r.Towns, (int)r.TownsReported, (int)r.Grids, (int)r.GridsReported, (int)r.Records, (int)r.AtRisk))];
    }

    /// <summary>The round, or null when the county has no such round.</summary>
    public async Task<ScreeningRound?> RoundAsync(long roundId, long countyId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await RoundAsync(connection, null, roundId, countyId, ct);
    }

    /// <summary>The round seen from <paramref name="unit"/>: null when the round is not of the unit's county.</summary>
    public async Task<RoundProgress?> ProgressAsync(long roundId, OrgUnit unit, long countyId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        await using var connection = await database.OpenAsync(ct);
        if (await RoundAsync(connection, null, roundId, countyId, ct) is not { } round)
        {
            return null;
        }

        var pattern = _dialect.SubtreePattern(unit.Path);
        var unitsSql = $"""
            SELECT u.id AS Id, u.parent_id AS ParentId, u.kind AS Kind, u.name AS Name, u.path AS Path
            FROM org_units AS u WHERE {_dialect.SubtreeCondition("u.path")} AND u.kind IN ('town', 'village')
            ORDER BY u.path
            """;
        var units = (await connection.QueryAsync<UnitRow>(new CommandDefinition(unitsSql, new { SubtreePattern = pattern }, cancellationToken: ct)))
            .Select(u => new OrgUnit(u.Id, u.ParentId, DbCode.Parse<UnitKind>(u.Kind), u.Name, u.Path)).ToList();
        var reportsSql = $"""
            SELECT p.unit_id AS UnitId, p.reported_at AS ReportedAt, p.note AS Note, us.display_name AS ReportedBy
            FROM screening_reports AS p JOIN org_units AS u ON u.id = p.unit_id LEFT JOIN users AS us ON us.id = p.reported_by_user_id
            WHERE p.round_id = @RoundId AND {_dialect.SubtreeCondition("u.path")}
            """;
        var reports = (await connection.QueryAsync<ReportRow>(new CommandDefinition(reportsSql, new { RoundId = roundId, SubtreePattern = pattern }, cancellationToken: ct)))
            .ToDictionary(r => r.UnitId, r => new ScreeningReport(r.UnitId, r.ReportedAt, r.Note, r.ReportedBy));
        var enterprisesSql = $"""
            SELECT e.id AS Id, e.name AS Name, e.credit_code AS CreditCode, eu.path AS UnitPath
            FROM enterprises AS e JOIN org_units AS eu ON eu.id = e.unit_id
            WHERE {_dialect.SubtreeCondition("eu.path")}
            ORDER BY e.name, e.id
            """;
        var enterprises = (await connection.QueryAsync<EnterpriseRow>(new CommandDefinition(enterprisesSql, new { SubtreePattern = pattern }, cancellationToken: ct))).ToList();
        var records = (await RecordsAsync(connection, $"r.round_id = @RoundId AND {_dialect.SubtreeCondition("ru.path")}", new { RoundId = roundId, SubtreePattern = pattern }, ct))
            .ToDictionary(r => r.EnterpriseId);

        // A village is a grid; the enterprises located in it or below are its to screen.
        var grids = units.Where(u => u.Kind == UnitKind.Village).ToList();
        if (unit.Kind == UnitKind.Village)
        {
            grids = [unit];
        }

        OrgUnit? GridOf(string path) => grids.FirstOrDefault(g => path.StartsWith(g.Path, StringComparison.Ordinal));
        var gridded = enterprises.Select(e => (Enterprise: e, Grid: GridOf(e.UnitPath))).Where(x => x.Grid is not null).ToList();

        UnitProgress ProgressOf(OrgUnit below)
        {
            var itsGrids = below.Kind == UnitKind.Village ? [below] : grids.Where(below.Contains).ToList();
            var itsEnterprises = gridded.Where(x => below.Contains(x.Grid!)).ToList();
            return new UnitProgress(
                below.Id, below.Name, below.Kind, reports.GetValueOrDefault(below.Id), itsGrids.Count, itsGrids.Count(g => reports.ContainsKey(g.Id)),
                itsEnterprises.Count, itsEnterprises.Count(x => records.ContainsKey(x.Enterprise.Id)),
                itsEnterprises.Count(x => records.TryGetValue(x.Enterprise.Id, out var r) && r.Color is not null));
        }

        var below = units.Where(u => u.ParentId == unit.Id && u.Kind is UnitKind.Town or UnitKind.Village).Select(ProgressOf).ToList();
        var own = unit.Kind == UnitKind.Village
            ? [.. gridded.Select(x => new GridEnterprise(x.Enterprise.Id, x.Enterprise.Name, x.Enterprise.CreditCode, records.GetValueOrDefault(x.Enterprise.Id)))]
            : new List<GridEnterprise>();
        var atRisk = records.Values.Where(r => r.Color is not null).OrderByDescending(r => r.Color).ThenBy(r => r.EnterpriseName, StringComparer.Ordinal).ToList();
        return new RoundProgress(round, unit, reports.GetValueOrDefault(unit.Id), below, own, atRisk);
    }

    /// <summary>
    /// Records (or corrects) what grid <paramref name="grid"/> found at an enterprise located in it. Refused once the
    /// grid has reported its part of the round.
    /// </summary>
    public Task<(ScreeningOutcome Outcome, long Id)> RecordAsync(RecordScreening record, long countyId, OrgUnit grid, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            if (await RoundAsync(connection, transaction, record.RoundId, countyId, ct) is null)
            {
                return (ScreeningOutcome.NotFound, 0L);
            }

            var inGrid = $"""
                SELECT COUNT(*) FROM enterprises AS e JOIN org_units AS eu ON eu.id = e.unit_id
                WHERE e.id = @EnterpriseId AND {_dialect.SubtreeCondition("eu.path")}
                """;
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(inGrid, new { record.EnterpriseId, SubtreePattern = _dialect.SubtreePattern(grid.Path) }, transaction, cancellationToken: ct)) == 0)
            {
                return (ScreeningOutcome.NotFound, 0L);
            }

            if (await ReportedAsync(connection, transaction, record.RoundId, grid.Id, ct))
            {
                return (ScreeningOutcome.AlreadyReported, 0L);
            }

            const string previousSql = "SELECT wage_status FROM screening_records WHERE round_id = @RoundId AND enterprise_id = @EnterpriseId";
            var previous = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(previousSql, new { record.RoundId, record.EnterpriseId }, transaction, cancellationToken: ct));
            var color = (int?)record.Grade?.Color;
            await connection.ExecuteAsync(new CommandDefinition(_upsertRecord, new
            {
                record.RoundId,
                record.EnterpriseId,
                UnitId = grid.Id,
                WageStatus = Codes[record.Status],
                MonthsOwed = record.Arrears?.MonthsOwed,
                WorkersOwed = record.Arrears?.Workers,
                AmountOwed = record.Arrears?.AmountOwed,
                RiskColor = color,
                RiskRules = DbJson.Serialize(record.Grade?.FiredRules ?? []),
                record.Note,
                RecordedByUserId = actor.UserId,
                RecordedAt = time.GetUtcNow(),
            }, transaction, cancellationToken: ct));
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT id FROM screening_records WHERE round_id = @RoundId AND enterprise_id = @EnterpriseId", new { record.RoundId, record.EnterpriseId }, transaction, cancellationToken: ct));
            await audit.WriteAsync(connection, transaction, actor, "screening_record.save", "screening_record", Id(id), new
            {
                record.RoundId, record.EnterpriseId, GridId = grid.Id, Status = Codes[record.Status], Previous = previous,
                record.Arrears?.MonthsOwed, record.Arrears?.Workers, record.Arrears?.AmountOwed, RiskColor = color,
                Rules = record.Grade?.FiredRules.Select(f => f.Code),
            }, ct);
            return (ScreeningOutcome.Done, id);
        }, ct);
    }

    /// <summary>
    /// Reports <paramref name="unit"/>'s part of the round upward, once: a grid with unscreened enterprises, or a town
    /// with grids that have not reported, needs a note saying why (<see cref="ScreeningOutcome.GapsNeedNote"/>, with how many).
    /// </summary>
    public Task<(ScreeningOutcome Outcome, int Gaps)> ReportAsync(long roundId, long countyId, OrgUnit unit, string? note, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            if (await RoundAsync(connection, transaction, roundId, countyId, ct) is null)
            {
                return (ScreeningOutcome.NotFound, 0);
            }

            if (await ReportedAsync(connection, transaction, roundId, unit.Id, ct))
            {
                return (ScreeningOutcome.AlreadyReported, 0);
            }

            var gapsSql = unit.Kind == UnitKind.Village
                ? $"""
                    SELECT COUNT(*) FROM enterprises AS e JOIN org_units AS eu ON eu.id = e.unit_id
                    WHERE {_dialect.SubtreeCondition("eu.path")}
                      AND NOT EXISTS (SELECT 1 FROM screening_records AS r WHERE r.round_id = @RoundId AND r.enterprise_id = e.id)
                    """
                : """
                    SELECT COUNT(*) FROM org_units AS v
                    WHERE v.parent_id = @UnitId AND v.kind = 'village'
                      AND NOT EXISTS (SELECT 1 FROM screening_reports AS p WHERE p.round_id = @RoundId AND p.unit_id = v.id)
                    """;
            var gaps = (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(gapsSql, new
            {
                RoundId = roundId, UnitId = unit.Id, SubtreePattern = _dialect.SubtreePattern(unit.Path),
            }, transaction, cancellationToken: ct));
            if (gaps > 0 && note is null)
            {
                return (ScreeningOutcome.GapsNeedNote, gaps);
            }

            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_insertReport, new
            {
                RoundId = roundId, UnitId = unit.Id, actor.UserId, At = time.GetUtcNow(), Note = note,
            }, transaction, cancellationToken: ct));
            await audit.WriteAsync(connection, transaction, actor, "screening.report", "screening_report", Id(id), new { roundId, unitId = unit.Id, gaps, note }, ct);
            return (ScreeningOutcome.Done, gaps);
        }, ct);
    }

    /// <summary>A record whose grid lies in the caller's area, or null.</summary>
    public async Task<ScreeningRecord?> GetRecordAsync(long id, string scopePath, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var found = await RecordsAsync(connection, $"r.id = @Id AND {_dialect.SubtreeCondition("ru.path")}", new { Id = id, SubtreePattern = _dialect.SubtreePattern(scopePath) }, ct);
        return found.SingleOrDefault();
    }

    /// <summary>
    /// Employers of the caller's area whose latest screening found them at risk, with no case opened from it and no
    /// open case of theirs: the risk seen before any dispute is filed. Highest colour first.
    /// </summary>
    public async Task<IReadOnlyList<ScreeningRecord>> AtRiskWithoutCaseAsync(string scopePath, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await RecordsAsync(connection, $"""
            {_dialect.SubtreeCondition("ru.path")} AND r.risk_color IS NOT NULL AND r.case_id IS NULL
            AND r.id = (SELECT MAX(x.id) FROM screening_records AS x WHERE x.enterprise_id = r.enterprise_id)
            AND NOT EXISTS (SELECT 1 FROM cases AS oc WHERE oc.enterprise_id = r.enterprise_id AND oc.closed_at IS NULL)
            """, new { SubtreePattern = _dialect.SubtreePattern(scopePath) }, ct);
        return [.. rows.OrderByDescending(r => r.Color).ThenBy(r => r.EnterpriseName, StringComparer.Ordinal)];
    }

    /// <summary>Links the case just opened from record <paramref name="recordId"/>, in the caller's transaction; false when the record has a case already.</summary>
    public async Task<bool> LinkCaseAsync(DbConnection connection, DbTransaction transaction, long recordId, long caseId, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(actor);
        const string sql = "UPDATE screening_records SET case_id = @CaseId WHERE id = @Id AND case_id IS NULL";
        if (await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = recordId, CaseId = caseId }, transaction, cancellationToken: ct)) == 0)
        {
            return false;
        }

        await audit.WriteAsync(connection, transaction, actor, "screening_record.open_case", "screening_record", Id(recordId), new { caseId }, ct);
        return true;
    }

    private static async Task<ScreeningRound?> RoundAsync(DbConnection connection, DbTransaction? transaction, long roundId, long countyId, CancellationToken ct)
    {
        const string sql = "SELECT id AS Id, county_id AS CountyId, period AS Period, opened_at AS OpenedAt FROM screening_rounds WHERE id = @Id AND county_id = @CountyId";
        var row = await connection.QuerySingleOrDefaultAsync<RoundRow>(new CommandDefinition(sql, new { Id = roundId, CountyId = countyId }, transaction, cancellationToken: ct));
        return row is null ? null : new ScreeningRound(row.Id, row.CountyId, row.Period, row.OpenedAt);
    }

    private static async Task<bool> ReportedAsync(DbConnection connection, DbTransaction transaction, long roundId, long unitId, CancellationToken ct)
    {
        const string sql = "SELECT COUNT(*) FROM screening_reports WHERE round_id = @RoundId AND unit_id = @UnitId";
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { RoundId = roundId, UnitId = unitId }, transaction, cancellationToken: ct)) > 0;
    }

    private static async Task<IReadOnlyList<ScreeningRecord>> RecordsAsync(DbConnection connection, string where, object args, CancellationToken ct)
    {
        var sql = $"SELECT {RecordColumns} WHERE {where}";
        var rows = await connection.QueryAsync<RecordRow>(new CommandDefinition(sql, args, cancellationToken: ct));
        return [.. rows.Select(r => new ScreeningRecord(
            r.Id, r.RoundId, r.Period, r.EnterpriseId, r.EnterpriseName, r.UnitId, r.UnitName, Codes.Single(c => c.Value == r.WageStatus).Key,
            r.MonthsOwed, r.WorkersOwed, r.AmountOwed, (RiskColor?)r.RiskColor, DbJson.Deserialize<FiredRule[]>(r.RiskRules) ?? [], r.Note,
            r.CaseId, r.CaseNumber, r.RecordedAt))];
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed class RoundRow
    {
        public long Id { get; init; }
        public long CountyId { get; init; }
        public string Period { get; init; } = "";
        public DateTimeOffset OpenedAt { get; init; }
    }

    private sealed class SummaryRow
    {
        public long Id { get; init; }
        public string Period { get; init; } = "";
        public DateTimeOffset OpenedAt { get; init; }
        public long Towns { get; init; }
        public long TownsReported { get; init; }
        public long Grids { get; init; }
        public long GridsReported { get; init; }
        public long Records { get; init; }
        public long AtRisk { get; init; }
    }

    private sealed class UnitRow
    {
        public long Id { get; init; }
        public long? ParentId { get; init; }
        public string Kind { get; init; } = "";
        public string Name { get; init; } = "";
        public string Path { get; init; } = "";
    }

    private sealed class ReportRow
    {
        public long UnitId { get; init; }
        public DateTimeOffset ReportedAt { get; init; }
        public string? Note { get; init; }
        public string? ReportedBy { get; init; }
    }

    private sealed class EnterpriseRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string? CreditCode { get; init; }
        public string UnitPath { get; init; } = "";
    }

    private sealed class RecordRow
    {
        public long Id { get; init; }
        public long RoundId { get; init; }
        public string Period { get; init; } = "";
        public long EnterpriseId { get; init; }
        public string EnterpriseName { get; init; } = "";
        public long UnitId { get; init; }
        public string UnitName { get; init; } = "";
        public string WageStatus { get; init; } = "";
        public decimal? MonthsOwed { get; init; }
        public int? WorkersOwed { get; init; }
        public decimal? AmountOwed { get; init; }
        public int? RiskColor { get; init; }
        public string RiskRules { get; init; } = "[]";
        public string? Note { get; init; }
        public long? CaseId { get; init; }
        public string? CaseNumber { get; init; }
        public DateTimeOffset RecordedAt { get; init; }
    }
}
