using System.Data.Common;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Tests.Builders;

/// <summary>A case_events row: the Grade transition of a registered case, unless changed.</summary>
public sealed record AnEvent(long CaseId)
{
    public string TriggerName { get; init; } = nameof(CaseTrigger.Grade);

    public string? FromState { get; init; } = nameof(CaseState.Registered);

    public string ToState { get; init; } = nameof(CaseState.Level1AwaitingAcceptance);

    public string? Reason { get; init; } = "拖欠工资不足一个月，黄色预警";

    public string? Data { get; init; } = """{"color":"yellow"}""";

    public async Task<long> InsertAsync(Database database, DbTransaction? transaction = null, DbConnection? connection = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        const string sql = """
            INSERT INTO case_events (case_id, at, by_user_id, trigger_name, from_state, to_state, reason, data)
            VALUES (@CaseId, @At, NULL, @TriggerName, @FromState, @ToState, @Reason, @Data)
            """;
        var insert = database.Dialect.InsertReturningId(sql);
        var row = new { CaseId, At = TestDatabase.Start, TriggerName, FromState, ToState, Reason, Data };
        if (connection is not null)
        {
            return await connection.ExecuteScalarAsync<long>(insert, row, transaction);
        }

        await using var own = await database.OpenAsync();
        return await own.ExecuteScalarAsync<long>(insert, row);
    }
}
