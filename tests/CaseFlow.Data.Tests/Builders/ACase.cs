using System.Data.Common;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Tests.Builders;

/// <summary>A cases row with plausible defaults; change what a test cares about with the With… methods.</summary>
public sealed record ACase
{
    private static int _sequence;

    public required long UnitId { get; init; }

    public string Number { get; init; } = $"T-{Guid.NewGuid():N}"[..24];

    public string Channel { get; init; } = "walk_in";

    public string Description { get; init; } = "某建筑工地拖欠农民工工资三个月";

    public string State { get; init; } = nameof(CaseState.Registered);

    public int? Level { get; init; }

    public RiskColor? RiskColor { get; init; }

    public decimal? AmountOwed { get; init; } = 86_400.00m;

    public decimal AmountRecovered { get; init; }

    public int? WorkersInvolved { get; init; } = 12;

    public DateTimeOffset ReceivedAt { get; init; } = TestDatabase.Start.AddMinutes(Interlocked.Increment(ref _sequence));

    public DateTimeOffset? NextDueAt { get; init; }

    public static ACase In(long unitId) => new() { UnitId = unitId };

    public ACase WithNumber(string number) => this with { Number = number };

    public ACase WithAmountOwed(decimal? amount) => this with { AmountOwed = amount };

    public ACase WithDescription(string description) => this with { Description = description };

    public ACase ReceivedAtTime(DateTimeOffset at) => this with { ReceivedAt = at };

    public ACase Graded(RiskColor color, int level) => this with
    {
        RiskColor = color,
        Level = level,
        State = $"Level{level}AwaitingAcceptance",
    };

    public async Task<long> InsertAsync(Database database, DbTransaction? transaction = null, DbConnection? connection = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        const string sql = """
            INSERT INTO cases (number, channel, description, received_at, first_received_at, state, level, unit_id,
                               risk_color, amount_owed, amount_recovered, workers_involved, next_due_at, created_at, updated_at)
            VALUES (@Number, @Channel, @Description, @ReceivedAt, @ReceivedAt, @State, @Level, @UnitId,
                    @RiskColor, @AmountOwed, @AmountRecovered, @WorkersInvolved, @NextDueAt, @ReceivedAt, @ReceivedAt)
            """;
        var insert = database.Dialect.InsertReturningId(sql);
        if (connection is not null)
        {
            return await connection.ExecuteScalarAsync<long>(insert, this, transaction);
        }

        await using var own = await database.OpenAsync();
        return await own.ExecuteScalarAsync<long>(insert, this);
    }
}
