using System.Globalization;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests;

/// <summary>Values go into each engine and come back exactly as they went in.</summary>
public abstract class DapperTypeHandlersTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    [DatabaseTheory]
    [InlineData("12345678901234.56")]
    [InlineData("0.01")]
    [InlineData("0")]
    [InlineData("9999999999999999.99")]
    public async Task Money_RoundTripsExactly(string text)
    {
        var amount = decimal.Parse(text, CultureInfo.InvariantCulture);
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var caseId = await ACase.In(village).WithAmountOwed(amount).InsertAsync(Db);
        await using var connection = await Db.OpenAsync();

        var read = await connection.QuerySingleAsync<MoneyRow>(
            "SELECT amount_owed AS AmountOwed, amount_recovered AS AmountRecovered FROM cases WHERE id = @Id", new { Id = caseId });

        read.AmountOwed.Should().Be(amount);
        read.AmountOwed!.Value.Scale.Should().Be(2, "both engines read DECIMAL(18,2) back with two places");
        read.AmountRecovered.Should().Be(0m);
    }

    [DatabaseFact]
    public async Task Money_SumsExactlyInSql()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        foreach (var amount in new[] { 12_345_678_901_234.56m, 0.01m, 0.01m, 0.01m })
        {
            await ACase.In(village).WithAmountOwed(amount).InsertAsync(Db);
        }

        await ACase.In(village).WithAmountOwed(null).InsertAsync(Db);
        await using var connection = await Db.OpenAsync();

        var total = await connection.ExecuteScalarAsync<decimal>(
            "SELECT SUM(amount_owed) FROM cases WHERE unit_id = @UnitId", new { UnitId = village });

        total.Should().Be(12_345_678_901_234.59m);
    }

    [DatabaseFact]
    public async Task Money_WithMoreThanTwoDecimalPlaces_IsRefusedRatherThanRounded()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);

        var insert = () => ACase.In(village).WithAmountOwed(100.005m).InsertAsync(Db);

        await insert.Should().ThrowAsync<ArgumentException>().WithMessage("*100.005*two decimal places*");
    }

    [DatabaseFact]
    public async Task MonthsOwed_RoundTripsAsDecimalFiveTwo()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var caseId = await ACase.In(village).InsertAsync(Db);
        await using var connection = await Db.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO case_parties (case_id, kind, name, id_number, amount_owed, months_owed, created_at)
            VALUES (@CaseId, 'worker', @Name, '330523199001011234', @AmountOwed, @MonthsOwed, @At)
            """,
            new { CaseId = caseId, Name = "李四", AmountOwed = 7_200.50m, MonthsOwed = 2.5m, At = TestDatabase.Start });

        var months = await connection.QuerySingleAsync<decimal>("SELECT months_owed FROM case_parties WHERE case_id = @CaseId", new { CaseId = caseId });

        months.Should().Be(2.50m);
    }

    [DatabaseFact]
    public async Task ChineseText_RoundTripsUnchanged()
    {
        const string description = "杭垓镇某竹制品厂拖欠 23 名工人工资共计 ¥186,000.00，工人聚集讨薪；𠮷野家（扩展汉字）";
        var unit = await new AUnit("county", "即墨区（青岛）", Code: "JM").InsertAsync(Db);
        var caseId = await ACase.In(unit).WithDescription(description).InsertAsync(Db);
        await using var connection = await Db.OpenAsync();

        var read = await connection.QuerySingleAsync<(string Description, string Unit)>(
            "SELECT c.description, u.name FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id WHERE c.id = @Id", new { Id = caseId });

        read.Should().Be((description, "即墨区（青岛）"));
    }

    [DatabaseFact]
    public async Task Instants_RoundTripAsUtcToTheMillisecond()
    {
        var beijing = new DateTimeOffset(2026, 2, 17, 8, 5, 3, 123, TimeSpan.FromHours(8));
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var caseId = await ACase.In(village).ReceivedAtTime(beijing).InsertAsync(Db);
        await using var connection = await Db.OpenAsync();

        var read = await connection.QuerySingleAsync<DateTimeOffset>("SELECT received_at FROM cases WHERE id = @Id", new { Id = caseId });

        read.Should().Be(beijing);
        read.Offset.Should().Be(TimeSpan.Zero);
        read.UtcDateTime.Should().Be(new DateTime(2026, 2, 17, 0, 5, 3, 123, DateTimeKind.Utc));
    }

    [DatabaseFact]
    public async Task Instants_BelowAMillisecond_AreTruncatedNotRounded()
    {
        var millisecond = new DateTimeOffset(2026, 3, 1, 0, 0, 0, 7, TimeSpan.Zero);
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var caseId = await ACase.In(village).ReceivedAtTime(millisecond.AddTicks(9_999)).InsertAsync(Db);
        await using var connection = await Db.OpenAsync();

        var read = await connection.QuerySingleAsync<DateTimeOffset>("SELECT received_at FROM cases WHERE id = @Id", new { Id = caseId });

        read.Should().Be(millisecond);
    }

    [DatabaseFact]
    public async Task Instants_CompareAndSortByTheInstantWhateverTheirOffset()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var later = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.FromHours(8));   // 01:00 UTC
        var earlier = new DateTimeOffset(2026, 4, 30, 23, 0, 0, TimeSpan.Zero);       // two hours before
        var latest = new DateTimeOffset(2027, 1, 1, 0, 0, 0, 5, TimeSpan.Zero);
        var ids = new[]
        {
            await ACase.In(village).ReceivedAtTime(later).InsertAsync(Db),
            await ACase.In(village).ReceivedAtTime(latest).InsertAsync(Db),
            await ACase.In(village).ReceivedAtTime(earlier).InsertAsync(Db),
        };
        await using var connection = await Db.OpenAsync();

        var ordered = await connection.QueryAsync<long>(
            "SELECT id FROM cases WHERE unit_id = @UnitId AND received_at > @After ORDER BY received_at",
            new { UnitId = village, After = earlier });

        ordered.Should().Equal(ids[0], ids[1]);
    }

    [DatabaseFact]
    public async Task Dates_RoundTrip()
    {
        var springFestival = new DateOnly(2026, 2, 17);
        await using var connection = await Db.OpenAsync();
        await connection.ExecuteAsync(
            Dialect.Upsert("calendar_days", ["date"], ["is_off_day", "name"]),
            new { Date = springFestival, IsOffDay = true, Name = "春节" });

        var read = await connection.QuerySingleAsync<CalendarRow>(
            "SELECT date AS Date, is_off_day AS IsOffDay, name AS Name FROM calendar_days WHERE date = @Date", new { Date = springFestival });

        read.Should().BeEquivalentTo(new CalendarRow { Date = springFestival, IsOffDay = true, Name = "春节" });
    }

    private sealed class MoneyRow
    {
        public decimal? AmountOwed { get; init; }

        public decimal AmountRecovered { get; init; }
    }

    private sealed class CalendarRow
    {
        public DateOnly Date { get; init; }

        public bool IsOffDay { get; init; }

        public string? Name { get; init; }
    }
}

public sealed class SqliteDapperTypeHandlersTests(SqliteTestDatabase fixture) : DapperTypeHandlersTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerDapperTypeHandlersTests(SqlServerTestDatabase fixture) : DapperTypeHandlersTests<SqlServerTestDatabase>(fixture);
