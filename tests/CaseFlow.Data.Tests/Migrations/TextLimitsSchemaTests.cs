using System.Text.RegularExpressions;
using CaseFlow.Data.Migrations;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Data.Tests.Migrations;

/// <summary>
/// Every text limit the application checks (<see cref="TextLimits"/>) is the one the schema holds, on both engines:
/// a value validation lets through is never refused by the database, and the database refuses what validation does.
/// </summary>
public sealed partial class TextLimitsSchemaTests(SqliteTestDatabase fixture) : IClassFixture<SqliteTestDatabase>
{
    public static TheoryData<string, string, int> Limits => new()
    {
        { "enterprises", "name", TextLimits.EnterpriseName },
        { "enterprises", "address", TextLimits.Address },
        { "case_parties", "name", TextLimits.PartyName },
        { "cases", "description", TextLimits.Description },
        { "case_events", "reason", TextLimits.Reason },
        { "mediation_sessions", "summary", TextLimits.SessionSummary },
        { "mediation_sessions", "place", TextLimits.SessionPlace },
        { "mediation_sessions", "participants", TextLimits.SessionParticipants },
        { "agreements", "method", TextLimits.AgreementMethod },
        { "agreements", "terms", TextLimits.AgreementTerms },
        { "referrals", "reference_number", TextLimits.ReferenceNumber },
        { "referrals", "outcome", TextLimits.ReferralOutcome },
        { "supervisions", "requirement", CaseFlow.Domain.Supervision.SupervisionLimits.Requirement },
        { "supervisions", "evaluation_comment", CaseFlow.Domain.Supervision.SupervisionLimits.EvaluationComment },
        { "supervision_feedbacks", "action_taken", CaseFlow.Domain.Supervision.SupervisionLimits.ActionTaken },
        { "supervision_feedbacks", "progress", CaseFlow.Domain.Supervision.SupervisionLimits.Progress },
        { "referrals", "body_name", TextLimits.BodyName },
        { "referrals", "handed_over", TextLimits.HandedOver },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task OnSqlite_TheColumnTakesTheLimit_AndRefusesOneCharacterMore(string table, string column, int limit)
    {
        await using var connection = await fixture.Database.OpenAsync();
        var sql = string.Join('\n', await connection.QueryAsync<string>(
            "SELECT sql FROM sqlite_master WHERE tbl_name = @table AND type IN ('table', 'trigger')", new { table }));

        // A CHECK in the table, or (added later, as SQLite cannot alter a table's CHECKs) triggers on insert and update.
        var check = sql.Contains($"CHECK (length({column}) <= {limit})", StringComparison.Ordinal);
        var triggers = Regex.Count(sql, $@"BEFORE (INSERT|UPDATE OF {column}) ON {table}\s+WHEN length\(NEW\.{column}\) > {limit}\b");
        (check || triggers == 2).Should().BeTrue($"{table}.{column} must hold at most {limit} characters:\n{sql}");
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void OnSqlServer_TheColumnTakesTheLimit_AndRefusesOneCharacterMore(string table, string column, int limit)
    {
        var sql = string.Join('\n', MigrationScripts.For(DatabaseProvider.SqlServer).Select(s => s.Sql));

        var sized = Regex.IsMatch(sql, $@"CREATE TABLE dbo\.{table} \((?:(?!\n\);).)*\n {{4}}{column} +NVARCHAR\({limit}\)", RegexOptions.Singleline);
        var checkedLength = sql.Contains($"ALTER TABLE dbo.{table} WITH NOCHECK", StringComparison.Ordinal)
            && sql.Contains($"CHECK (DATALENGTH({column}) <= 2 * {limit})", StringComparison.Ordinal);
        (sized || checkedLength).Should().BeTrue($"dbo.{table}.{column} must hold at most {limit} characters");
    }

    [Fact]
    public async Task OnSqlite_ADescriptionOverTheLimit_IsRefusedByTheSchemaItself()
    {
        await using var connection = await fixture.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        const string now = "2026-01-15T01:30:00.000Z";
        var unit = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO org_units (kind, name, created_at) VALUES ('county', '测试县', @now) RETURNING id", new { now }, transaction);
        const string insert = """
            INSERT INTO cases (number, channel, description, received_at, first_received_at, state, unit_id, location_unit_id, created_at, updated_at)
            VALUES (@number, 'walk_in', @text, @now, @now, 'Registered', @unit, @unit, @now, @now)
            """;

        await connection.ExecuteAsync(insert, new { number = "T-1", text = new string('字', TextLimits.Description), now, unit }, transaction);
        var insertOver = () => connection.ExecuteAsync(insert, new { number = "T-2", text = new string('字', TextLimits.Description + 1), now, unit }, transaction);
        var updateOver = () => connection.ExecuteAsync(
            "UPDATE cases SET description = @text WHERE number = 'T-1'", new { text = new string('字', TextLimits.Description + 1) }, transaction);

        (await insertOver.Should().ThrowAsync<SqliteException>()).Which.Message.Should().Contain("cases.description");
        (await updateOver.Should().ThrowAsync<SqliteException>()).Which.Message.Should().Contain("cases.description");
        await transaction.RollbackAsync();
    }
}
