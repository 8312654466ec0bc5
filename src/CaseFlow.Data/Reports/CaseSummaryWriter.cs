using System.Data.Common;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Reports;

/// <summary>
/// Keeps <c>case_summary</c> (cases, workers and money per unit × state × colour × level × open) and
/// <c>case_week_summary</c> (cases received and closed per unit and China-time week) equal to an aggregate of the
/// cases table, so the dashboard reads tens of rows whatever the number of cases (migration 0018).
/// </summary>
/// <remarks>
/// The case store calls <see cref="MoveAsync"/> just before it writes a case row, new or changed, in the same
/// transaction: every registration (one case, a ledger import, the seed) and every transition (the API, the pages, the
/// deadline sweep) passes through it. Each statement takes the row as stored out of its cell (−1) and the row as
/// about to be written into its cell (+1), in one upsert; a cell the change leaves as it was gets no write at all.
/// The stored row counts only at the version the write expects, so a write that will fail on a stale version moves
/// nothing. Overdue and due-soon figures depend on the clock and are counted from the open cases' index instead (<see cref="Cases.CaseQueries.DueSql"/>).
/// </remarks>
public sealed class CaseSummaryWriter
{
    private static readonly string[] CellKey = ["unit_id", "state", "risk_color", "level", "is_open"];
    private static readonly string[] CellSums = ["cases", "workers", "amount_owed", "amount_recovered"];
    private static readonly string[] WeekKey = ["unit_id", "week_start"];
    private static readonly string[] WeekSums = ["new_cases", "closed_cases"];

    // After the column lists: static fields are initialised in the order they are written.
    private static readonly CaseSummaryWriter OnSqlite = new(SqlDialect.Sqlite);
    private static readonly CaseSummaryWriter OnSqlServer = new(SqlDialect.SqlServer);

    // The row as it will be written, when the stored one is at the expected version or there is none yet (a new case).
    private const string Incoming = "FROM (SELECT 1 AS one) AS n LEFT JOIN cases AS o ON o.id = @Id WHERE (o.id IS NULL OR o.version = @Version)";

    private readonly SqlDialect _dialect;
    private readonly string _moveCells;
    private readonly string _moveWeeks;
    private readonly string _addCell;
    private readonly string _addWeek;

    private CaseSummaryWriter(SqlDialect dialect)
    {
        _dialect = dialect;
        _moveCells = dialect.UpsertAdding("case_summary", CellKey, CellSums, $"""
            SELECT d.unit_id, d.state, d.risk_color, d.level, d.is_open, SUM(d.cases) AS cases, SUM(d.workers) AS workers,
                   SUM(d.amount_owed) AS amount_owed, SUM(d.amount_recovered) AS amount_recovered
            FROM (SELECT o.unit_id AS unit_id, o.state AS state, COALESCE(o.risk_color, 0) AS risk_color, COALESCE(o.level, 0) AS level,
                         CASE WHEN o.closed_at IS NULL THEN 1 ELSE 0 END AS is_open, -1 AS cases,
                         -COALESCE(o.workers_involved, 0) AS workers, -COALESCE(o.amount_owed, 0) AS amount_owed,
                         -o.amount_recovered AS amount_recovered
                  FROM cases AS o WHERE o.id = @Id AND o.version = @Version
                  UNION ALL
                  SELECT @UnitId, @State, COALESCE(@RiskColor, 0), COALESCE(@Level, 0), CASE WHEN @ClosedAt IS NULL THEN 1 ELSE 0 END, 1,
                         CASE WHEN o.id IS NULL THEN @WorkersInvolved ELSE COALESCE(o.workers_involved, 0) END,
                         CASE WHEN o.id IS NULL THEN @AmountOwed ELSE COALESCE(o.amount_owed, 0) END,
                         @AmountRecovered
                  {Incoming}) AS d
            GROUP BY d.unit_id, d.state, d.risk_color, d.level, d.is_open
            HAVING SUM(d.cases) <> 0 OR SUM(d.workers) <> 0 OR SUM(d.amount_owed) <> 0 OR SUM(d.amount_recovered) <> 0
            """);
        _moveWeeks = dialect.UpsertAdding("case_week_summary", WeekKey, WeekSums, $"""
            SELECT d.unit_id, d.week_start, SUM(d.new_cases) AS new_cases, SUM(d.closed_cases) AS closed_cases
            FROM (SELECT o.unit_id AS unit_id, {dialect.ChinaWeekStartOf("o.first_received_at")} AS week_start, -1 AS new_cases, 0 AS closed_cases
                  FROM cases AS o WHERE o.id = @Id AND o.version = @Version
                  UNION ALL
                  SELECT o.unit_id, {dialect.ChinaWeekStartOf("o.closed_at")}, 0, -1
                  FROM cases AS o WHERE o.id = @Id AND o.version = @Version AND o.closed_at IS NOT NULL
                  UNION ALL
                  SELECT @UnitId, {dialect.ChinaWeekStartOf("@FirstReceivedAt")}, 1, 0
                  {Incoming}
                  UNION ALL
                  SELECT @UnitId, {dialect.ChinaWeekStartOf("@ClosedAt")}, 0, 1
                  {Incoming} AND @ClosedAt IS NOT NULL) AS d
            GROUP BY d.unit_id, d.week_start
            HAVING SUM(d.new_cases) <> 0 OR SUM(d.closed_cases) <> 0
            """);
        _addCell = dialect.UpsertAdding("case_summary", CellKey, CellSums, """
            SELECT @UnitId AS unit_id, @State AS state, @RiskColor AS risk_color, @Level AS level, @IsOpen AS is_open,
                   @Cases AS cases, @Workers AS workers, @AmountOwed AS amount_owed, @AmountRecovered AS amount_recovered
            """);
        _addWeek = dialect.UpsertAdding("case_week_summary", WeekKey, WeekSums, $"""
            SELECT @UnitId AS unit_id, {dialect.ChinaWeekStartOf("@InWeek")} AS week_start, @NewCases AS new_cases, @ClosedCases AS closed_cases
            """);
    }

    public static CaseSummaryWriter For(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return dialect.Provider == DatabaseProvider.Sqlite ? OnSqlite : OnSqlServer;
    }

    /// <summary>
    /// Moves <paramref name="c"/> from the cells of its stored row (none for a case not inserted yet) to the cells of
    /// the row about to be written. Call it just before that write, in its transaction.
    /// </summary>
    /// <param name="amountOwed">What the write stores in cases.amount_owed (used only for a new case; a transition keeps the stored one).</param>
    /// <param name="workersInvolved">Likewise cases.workers_involved.</param>
    internal async Task MoveAsync(RowWriter rows, DisputeCase c, decimal amountOwed, int workersInvolved, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(c);
        var row = new MoveRow(
            c.Id, c.Version, c.UnitId, c.State.ToString(), (int?)c.RiskColor, c.Level, c.ClosedAt, c.FirstReceivedAt,
            amountOwed, c.AmountRecovered, workersInvolved);
        await rows.ExecuteAsync(_moveCells, row, ct);
        await rows.ExecuteAsync(_moveWeeks, row, ct);
    }

    /// <summary>
    /// Adds cases not inserted yet (a batch of registrations or seeded cases) to their cells, as <see cref="MoveAsync"/>
    /// would one by one, in one upsert per cell and per unit-week the batch touches: the batch is added up here first.
    /// Call it in the transaction that inserts the cases.
    /// </summary>
    internal async Task AddNewAsync(RowWriter rows, IEnumerable<NewCaseFigures> cases, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cases);
        var changes = new SummaryChanges();
        foreach (var c in cases)
        {
            changes.Add(c, +1);
        }

        await WriteAsync(rows, changes, ct);
    }

    /// <summary>
    /// Writes what <paramref name="changes"/> added up (one upsert per cell and per unit-week whose figures changed at
    /// all) and empties it. Call it in the transaction that writes the case rows the changes describe.
    /// </summary>
    internal async Task WriteAsync(RowWriter rows, SummaryChanges changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var cell in changes.Cells)
        {
            await rows.ExecuteAsync(_addCell, cell, ct);
        }

        foreach (var week in changes.Weeks)
        {
            await rows.ExecuteAsync(_addWeek, week, ct);
        }

        changes.Clear();
    }

    /// <summary>
    /// Recomputes both tables from the cases table in one transaction (<c>caseflow db rebuild-summary</c>): what the
    /// incremental writes keep, from scratch. Answers how many cells and unit-weeks were wrong or missing before.
    /// </summary>
    public async Task<SummaryRebuild> RebuildAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        var cells = $"""
            SELECT unit_id, state, COALESCE(risk_color, 0) AS risk_color, COALESCE(level, 0) AS level,
                   CASE WHEN closed_at IS NULL THEN 1 ELSE 0 END AS is_open, COUNT(*) AS cases,
                   SUM(COALESCE(workers_involved, 0)) AS workers, SUM(COALESCE(amount_owed, 0)) AS amount_owed,
                   SUM(amount_recovered) AS amount_recovered
            FROM cases
            GROUP BY unit_id, state, COALESCE(risk_color, 0), COALESCE(level, 0), CASE WHEN closed_at IS NULL THEN 1 ELSE 0 END
            """;
        var weeks = $"""
            SELECT w.unit_id, w.week_start, SUM(w.new_cases) AS new_cases, SUM(w.closed_cases) AS closed_cases
            FROM (SELECT unit_id, {_dialect.ChinaWeekStartOf("first_received_at")} AS week_start, 1 AS new_cases, 0 AS closed_cases FROM cases
                  UNION ALL
                  SELECT unit_id, {_dialect.ChinaWeekStartOf("closed_at")}, 0, 1 FROM cases WHERE closed_at IS NOT NULL) AS w
            GROUP BY w.unit_id, w.week_start
            """;

        // Cells that differ from the aggregate, counted before the rows are replaced: what the rebuild repaired.
        var drift = $"""
            SELECT COUNT(*) FROM (
                SELECT unit_id, state, risk_color, level, is_open, SUM(cases) AS cases, SUM(workers) AS workers,
                       SUM(amount_owed) AS amount_owed, SUM(amount_recovered) AS amount_recovered
                FROM (SELECT unit_id, state, risk_color, level, is_open, cases, workers, amount_owed, amount_recovered FROM case_summary
                      UNION ALL
                      SELECT unit_id, state, risk_color, level, is_open, -cases, -workers, -amount_owed, -amount_recovered FROM ({cells}) AS a) AS x
                GROUP BY unit_id, state, risk_color, level, is_open
                HAVING SUM(cases) <> 0 OR SUM(workers) <> 0 OR SUM(amount_owed) <> 0 OR SUM(amount_recovered) <> 0) AS wrong;
            SELECT COUNT(*) FROM (
                SELECT unit_id, week_start
                FROM (SELECT unit_id, week_start, new_cases, closed_cases FROM case_week_summary
                      UNION ALL
                      SELECT unit_id, week_start, -new_cases, -closed_cases FROM ({weeks}) AS a) AS x
                GROUP BY unit_id, week_start
                HAVING SUM(new_cases) <> 0 OR SUM(closed_cases) <> 0) AS wrong;
            """;
        long wrongCells, wrongWeeks;
        await using (var grid = await connection.QueryMultipleAsync(new CommandDefinition(drift, transaction: transaction, cancellationToken: ct)))
        {
            wrongCells = await grid.ReadSingleAsync<long>();
            wrongWeeks = await grid.ReadSingleAsync<long>();
        }

        var rebuild = $"""
            DELETE FROM case_summary;
            DELETE FROM case_week_summary;
            INSERT INTO case_summary ({string.Join(", ", CellKey.Concat(CellSums))})
            {cells};
            INSERT INTO case_week_summary ({string.Join(", ", WeekKey.Concat(WeekSums))})
            {weeks};
            SELECT COUNT(*) FROM case_summary;
            SELECT COUNT(*) FROM case_week_summary;
            """;
        await using var counts = await connection.QueryMultipleAsync(new CommandDefinition(rebuild, transaction: transaction, cancellationToken: ct));
        return new SummaryRebuild(await counts.ReadSingleAsync<long>(), await counts.ReadSingleAsync<long>(), wrongCells, wrongWeeks);
    }

    private sealed record MoveRow(
        long Id, int Version, long UnitId, string State, int? RiskColor, int? Level, DateTimeOffset? ClosedAt, DateTimeOffset FirstReceivedAt,
        decimal AmountOwed, decimal AmountRecovered, int WorkersInvolved);
}

/// <summary>
/// What a case row adds to the summary: the figures of a new row as it is about to be inserted, or of a stored row
/// (which a change takes out of its cells, see <see cref="SummaryChanges"/>).
/// </summary>
internal sealed record NewCaseFigures(
    long UnitId, string State, int? RiskColor, int? Level, DateTimeOffset? ClosedAt, DateTimeOffset FirstReceivedAt,
    decimal AmountOwed, decimal AmountRecovered, int WorkersInvolved);

/// <summary>What <see cref="CaseSummaryWriter.RebuildAsync"/> wrote, and how many rows had been wrong before it.</summary>
public sealed record SummaryRebuild(long Cells, long UnitWeeks, long WrongCells, long WrongUnitWeeks);

/// <summary>
/// Summary moves added up in memory, for writes that change many cases in one transaction (a batch of registrations,
/// a deadline sweep's group): each row as stored taken out of its cells (−1), each row as written put into its cells
/// (+1), then <see cref="CaseSummaryWriter.WriteAsync"/> writes one upsert per cell and unit-week whose figures moved.
/// Adding up is what the per-row upserts do one after another, so the cells end the same.
/// </summary>
internal sealed class SummaryChanges
{
    private readonly Dictionary<(long UnitId, string State, int RiskColor, int Level, int IsOpen), AddCellRow> _cells = [];
    private readonly Dictionary<(long UnitId, DateOnly Monday), AddWeekRow> _weeks = [];

    /// <summary>The cells whose figures moved, in the order they were first touched.</summary>
    public IEnumerable<AddCellRow> Cells => _cells.Values.Where(c => c.Cases != 0 || c.Workers != 0 || c.AmountOwed != 0 || c.AmountRecovered != 0);

    /// <summary>Likewise the unit-weeks.</summary>
    public IEnumerable<AddWeekRow> Weeks => _weeks.Values.Where(w => w.NewCases != 0 || w.ClosedCases != 0);

    /// <summary>Puts a row's figures into its cells (<paramref name="sign"/> +1) or takes them out (−1).</summary>
    public void Add(NewCaseFigures c, int sign)
    {
        ArgumentNullException.ThrowIfNull(c);
        var key = (c.UnitId, c.State, c.RiskColor ?? 0, c.Level ?? 0, c.ClosedAt is null ? 1 : 0);
        _cells[key] = _cells.TryGetValue(key, out var cell)
            ? cell with
            {
                Cases = cell.Cases + sign, Workers = cell.Workers + (sign * c.WorkersInvolved),
                AmountOwed = cell.AmountOwed + (sign * c.AmountOwed), AmountRecovered = cell.AmountRecovered + (sign * c.AmountRecovered),
            }
            : new AddCellRow(key.UnitId, key.State, key.Item3, key.Item4, key.Item5, sign, sign * c.WorkersInvolved, sign * c.AmountOwed, sign * c.AmountRecovered);
        AddWeek(c.UnitId, c.FirstReceivedAt, newCases: sign, closedCases: 0);
        if (c.ClosedAt is { } closedAt)
        {
            AddWeek(c.UnitId, closedAt, newCases: 0, closedCases: sign);
        }
    }

    public void Clear()
    {
        _cells.Clear();
        _weeks.Clear();
    }

    // The week is grouped here by its China-time Monday and named to the database by an instant inside it, which the
    // database turns into week_start exactly as the per-row upsert does.
    private void AddWeek(long unitId, DateTimeOffset at, int newCases, int closedCases)
    {
        var date = Domain.ChinaTime.DateOf(at);
        var key = (unitId, date.AddDays(-(((int)date.DayOfWeek + 6) % 7)));
        _weeks[key] = _weeks.TryGetValue(key, out var week)
            ? week with { NewCases = week.NewCases + newCases, ClosedCases = week.ClosedCases + closedCases }
            : new AddWeekRow(unitId, at, newCases, closedCases);
    }
}

internal sealed record AddCellRow(
    long UnitId, string State, int RiskColor, int Level, int IsOpen, int Cases, int Workers, decimal AmountOwed, decimal AmountRecovered);

internal sealed record AddWeekRow(long UnitId, DateTimeOffset InWeek, int NewCases, int ClosedCases);
