using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using static CaseFlow.Data.DapperTypeHandlers;

namespace CaseFlow.Data.Tests;

/// <summary>
/// The handlers' SQL Server half checked without a server: the parameters they build and the values
/// SqlClient hands back (DECIMAL, DATETIMEOFFSET, DATE).
/// </summary>
public sealed class DapperTypeHandlerParameterTests
{
    [Fact]
    public void Instant_AsText_IsTheStoredFormat_ForAnyInstant()
    {
        var random = new Random(2026);
        DateTimeOffset[] instants =
        [
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, DateTimeOffset.UnixEpoch,
            new(2026, 2, 17, 8, 5, 3, 7, TimeSpan.FromHours(8)),
            .. Enumerable.Range(0, 10_000).Select(_ => new DateTimeOffset(
                random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay),
                TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1)))),
        ];

        foreach (var instant in instants)
        {
            UtcInstantHandler.ToText(instant).Should().Be(
                UtcInstantHandler.Normalize(instant).ToString(UtcInstantHandler.TextFormat, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Decimal_ForSqlServer_IsSentAsDecimalEighteenTwo()
    {
        var parameter = new SqlParameter();

        new HundredthsDecimalHandler().SetValue(parameter, 12_345_678_901_234.56m);

        (parameter.SqlDbType, parameter.Precision, parameter.Scale, parameter.Value)
            .Should().Be((SqlDbType.Decimal, (byte)18, (byte)2, (object)12_345_678_901_234.56m));
    }

    [Fact]
    public void Decimal_ForSqlite_IsSentAsIntegerHundredths()
    {
        var parameter = new SqliteParameter();

        new HundredthsDecimalHandler().SetValue(parameter, 12_345_678_901_234.56m);

        (parameter.DbType, parameter.Value).Should().Be((DbType.Int64, (object)1_234_567_890_123_456L));
    }

    [Fact]
    public void Decimal_BeyondDecimalEighteenTwo_IsRefusedOnBothEngines()
    {
        var handler = new HundredthsDecimalHandler();

        var sqlite = () => handler.SetValue(new SqliteParameter(), 10_000_000_000_000_000m);
        var sqlServer = () => handler.SetValue(new SqlParameter(), 10_000_000_000_000_000m);

        sqlite.Should().Throw<OverflowException>();
        sqlServer.Should().Throw<OverflowException>();
    }

    [Theory]
    [InlineData(1L, "0.01")]
    [InlineData(100L, "1.00")]
    [InlineData(-250L, "-2.50")]
    [InlineData(999_999_999_999_999_999L, "9999999999999999.99")]
    public void Decimal_FromSqliteHundredths_HasTwoPlacesLikeSqlServer(long hundredths, string expected) =>
        new HundredthsDecimalHandler().Parse(hundredths).ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(expected);

    [Fact]
    public void Decimal_ReadAsAFloatingPointNumber_IsRefused()
    {
        var parse = () => new HundredthsDecimalHandler().Parse(1234.5d);

        parse.Should().Throw<InvalidCastException>().WithMessage("*not exact*");
    }

    [Fact]
    public void Instant_ForSqlServer_IsSentAsUtcDateTimeOffsetTruncatedToTheMillisecond()
    {
        var beijing = new DateTimeOffset(2026, 2, 17, 8, 5, 3, 123, TimeSpan.FromHours(8)).AddTicks(4_567);
        var parameter = new SqlParameter();

        new UtcInstantHandler().SetValue(parameter, beijing);

        parameter.SqlDbType.Should().Be(SqlDbType.DateTimeOffset);
        parameter.Value.Should().BeOfType<DateTimeOffset>().Which.Should()
            .BeExactly(new DateTimeOffset(2026, 2, 17, 0, 5, 3, 123, TimeSpan.Zero));
    }

    [Fact]
    public void Instant_ReadFromSqlServer_ComesBackInUtc()
    {
        var stored = new DateTimeOffset(2026, 2, 17, 8, 5, 3, 123, TimeSpan.FromHours(8));

        var read = new UtcInstantHandler().Parse(stored);

        read.Should().BeExactly(new DateTimeOffset(2026, 2, 17, 0, 5, 3, 123, TimeSpan.Zero));
    }

    [Fact]
    public void Date_ForSqlServer_IsSentAsDateAndReadBackFromDateTime()
    {
        var parameter = new SqlParameter();
        var handler = new DateOnlyHandler();

        handler.SetValue(parameter, new DateOnly(2026, 2, 17));

        parameter.SqlDbType.Should().Be(SqlDbType.Date);
        handler.Parse(parameter.Value).Should().Be(new DateOnly(2026, 2, 17));
    }
}
