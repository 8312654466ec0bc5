using System.Data.Common;
using System.Globalization;
using CaseFlow.Data;
using Dapper;

namespace CaseFlow.Bench;

/// <summary>
/// The machine's own limits on the same database settings, measured in the same run: what the CaseFlow numbers
/// are ratios of.
/// </summary>
public static class Baselines
{
    /// <summary>B1: a single-row INSERT committed in its own transaction — the durable-commit limit.</summary>
    public static async Task<Result> SingleInsertAsync(Database db, int rows)
    {
        await CreateTableAsync(db);
        var n = 0;
        return await Measure.RunAsync("B1 raw single-row INSERT, one transaction each", "rows/s", () =>
            Measure.RateAsync(rows, _ => db.InTransactionAsync((c, t) =>
                c.ExecuteAsync("INSERT INTO bench_raw (a, b, c) VALUES (@A, @B, @C)", new { A = "安吉县", B = ++n, C = n % 7 }, t))));
    }

    /// <summary>B2: the same INSERT, 1,000 rows per transaction through one prepared command.</summary>
    public static async Task<Result> BatchedInsertAsync(Database db, int batches)
    {
        await CreateTableAsync(db);
        return await Measure.RunAsync("B2 raw batched INSERT, 1,000 rows per transaction", "rows/s", async () =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (var b = 0; b < batches; b++)
            {
                await db.InTransactionAsync(async (connection, transaction) => await InsertRowsAsync(connection, transaction, 1000, b * 1000));
            }

            return batches * 1000 / watch.Elapsed.TotalSeconds;
        });
    }

    /// <summary>
    /// B3: GROUP BY three low-cardinality columns over <paramref name="rows"/> rows with a covering index — what the
    /// dashboard query cannot beat.
    /// </summary>
    public static async Task<Result> GroupByAsync(Database db, int rows)
    {
        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS bench_group (id INTEGER PRIMARY KEY, unit INTEGER NOT NULL, state INTEGER NOT NULL, color INTEGER NOT NULL, amount INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS ix_bench_group ON bench_group (unit, state, color, amount);
                """);
        }

        await db.InTransactionAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO bench_group (unit, state, color, amount) VALUES ($u, $s, $c, $a)";
            var u = Parameter(command, "$u");
            var s = Parameter(command, "$s");
            var c = Parameter(command, "$c");
            var a = Parameter(command, "$a");
            command.Prepare();
            var random = new Random(1);
            for (var i = 0; i < rows; i++)
            {
                u.Value = random.Next(200);
                s.Value = random.Next(14);
                c.Value = random.Next(1, 4);
                a.Value = random.Next(1_000_000);
                await command.ExecuteNonQueryAsync();
            }
        });

        return await Measure.RunAsync($"B3 raw GROUP BY of 3 columns over {rows:N0} rows, covering index", "ms", async () =>
        {
            await using var connection = await db.OpenAsync();
            return await Measure.MillisecondsAsync(() => connection.QueryAsync(
                "SELECT state, color, unit, COUNT(*), SUM(amount) FROM bench_group GROUP BY state, color, unit"));
        });
    }

    /// <summary>
    /// B4: the engine's own floor for what the import path writes. Every row <paramref name="imported"/>'s imports
    /// wrote (each table a freshly migrated database of the same small county leaves empty: cases, their employers,
    /// parties, events, deadlines, notices, outbox and audit rows, summary cells) is copied into such a database with
    /// one <c>INSERT … SELECT</c> per table in one transaction: the same schema, indexes, triggers and foreign-key
    /// checks, the same commit, and no statement bound or stepped per row. Cases per second; no client of this schema
    /// on this machine writes those rows faster.
    /// </summary>
    public static async Task<Result> ImportFloorAsync(BenchDatabase imported)
    {
        ArgumentNullException.ThrowIfNull(imported);
        long cases;
        await using (var source = await imported.Db.OpenAsync())
        {
            cases = await source.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases");
        }

        // Where the floor's time goes, over all its samples: each table's INSERT … SELECT, and the commit.
        var spent = new Dictionary<string, double>(StringComparer.Ordinal);
        void Spend(string what, TimeSpan time) => spent[what] = spent.GetValueOrDefault(what) + time.TotalSeconds;
        var floor = await Measure.RunAsync("B4 engine floor of the import's rows: INSERT … SELECT per table, one transaction", "cases/s", async () =>
        {
            await using var target = await BenchDatabase.CreateAsync();
            await target.SmallCountyAsync();
            await using var connection = await target.Db.OpenAsync();
            await connection.ExecuteAsync("ATTACH DATABASE @File AS src", new { File = imported.FilePath });
            var tables = await ImportedTablesAsync(connection);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await CopyImportedAsync(connection, tables, Spend);
            var seconds = watch.Elapsed.TotalSeconds;
            var copied = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM main.cases");
            if (copied != cases)
            {
                throw new InvalidOperationException($"B4 copied {copied:N0} cases of {cases:N0}.");
            }

            await connection.ExecuteAsync("DETACH DATABASE src");
            return cases / seconds;
        });
        var total = spent.Values.Sum();
        var shares = spent.OrderByDescending(p => p.Value).Take(5)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value / total:P0}"));
        return floor with { Note = $"{cases:N0} cases; the floor's time: {string.Join(", ", shares)}" };
    }

    /// <summary>
    /// Copies each of <paramref name="tables"/> from the attached <c>src</c> into <c>main</c> with one
    /// <c>INSERT … SELECT</c> apiece, in one transaction; <paramref name="spend"/> hears each table's time and the commit's.
    /// </summary>
    public static async Task CopyImportedAsync(DbConnection connection, IReadOnlyList<string> tables, Action<string, TimeSpan>? spend = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync();

        // Checked at the commit, not per row: the tables go in by name, not parents first.
        await connection.ExecuteAsync("PRAGMA defer_foreign_keys = ON", transaction: transaction);
        foreach (var table in tables)
        {
            var started = watch.Elapsed;
            await connection.ExecuteAsync($"INSERT INTO main.{table} SELECT * FROM src.{table}", transaction: transaction);
            spend?.Invoke(table.Trim('"'), watch.Elapsed - started);
        }

        var committing = watch.Elapsed;
        await transaction.CommitAsync();
        spend?.Invoke("the commit", watch.Elapsed - committing);
    }

    /// <summary>
    /// The tables, quoted, that hold rows in the attached database <c>src</c> and none in <c>main</c>: on a freshly
    /// migrated <c>main</c> with the same small county, the tables the imports filled.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ImportedTablesAsync(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var tables = new List<string>();
        foreach (var table in await connection.QueryAsync<string>(
            "SELECT name FROM src.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"))
        {
            var quoted = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            var here = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM main.{quoted}");
            var there = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM src.{quoted}");
            if (here == 0 && there > 0)
            {
                tables.Add(quoted);
            }
        }

        return tables;
    }

    private static async Task CreateTableAsync(Database db)
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER NOT NULL, c INTEGER NOT NULL)");
    }

    private static async Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, int count, int start)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO bench_raw (a, b, c) VALUES ($a, $b, $c)";
        var a = Parameter(command, "$a");
        var b = Parameter(command, "$b");
        var c = Parameter(command, "$c");
        command.Prepare();
        for (var i = 0; i < count; i++)
        {
            a.Value = "安吉县";
            b.Value = start + i;
            c.Value = i % 7;
            await command.ExecuteNonQueryAsync();
        }
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        command.Parameters.Add(p);
        return p;
    }
}
