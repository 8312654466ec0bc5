using CaseFlow.Bench;
using CaseFlow.Data.Cases;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using Dapper;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;

namespace CaseFlow.Bench.Tests;

/// <summary>B4 copies exactly what an import wrote: the tables it filled, and nothing a fresh database of the same county already has.</summary>
public sealed class ImportFloorTests
{
    [Fact]
    public async Task ImportedTables_AreTheOnesTheImportFilled_AndCopyingThemCopiesEveryRow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero));
        await using var imported = await BenchDatabase.CreateAsync();
        var (village, _) = await imported.SmallCountyAsync();
        var commands = new CaseBatchCommands(
            imported.Db, imported.Store, imported.Orgs, new RiskGrader(new GradingOptions()), new DeadlinePlanner(imported.Calculator), time);
        var batch = Enumerable.Range(0, 12).Select(i => new KeyedRegistration($"k{i}", new CaseRegistration
        {
            Channel = Channel.WalkIn,
            ReceivedAt = time.GetUtcNow(),
            Enterprise = new EnterpriseRef(null, $"基准企业{i % 3}", null, village),
            Workers = [new CaseWorker("张三", "330523199001011238", "13812345678", 3000m + i, 0.5m)],
        })).ToList();
        (await commands.RegisterAsync(batch, CaseActor.System)).Registered.Should().HaveCount(12);

        await using var target = await BenchDatabase.CreateAsync();
        await target.SmallCountyAsync();
        await using var connection = await target.Db.OpenAsync();
        await connection.ExecuteAsync("ATTACH DATABASE @File AS src", new { File = imported.FilePath });

        var quoted = await Baselines.ImportedTablesAsync(connection);
        var tables = quoted.Select(t => t.Trim('"')).ToList();

        tables.Should().Contain(["cases", "case_parties", "case_events", "case_deadlines", "enterprises", "audit_log", "case_summary"]);
        tables.Should().NotContain(["org_units", "users", "mediation_ladders", "calendar_days", "schema_migrations"]);
        await Baselines.CopyImportedAsync(connection, quoted);

        foreach (var table in tables.Append("org_units"))
        {
            var copied = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM main.\"{table}\"");
            var written = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM src.\"{table}\"");
            copied.Should().Be(written, table);
        }
    }
}
