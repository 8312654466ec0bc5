using System.Data.Common;
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
