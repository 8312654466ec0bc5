using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Deadlines;
using CaseFlow.Data.Migrations;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using Microsoft.Extensions.Time.Testing;
using Dapper;

namespace CaseFlow.Data.Tests.Deadlines;

/// <summary>
/// A county in a database and on a clock of its own, with the case services and the sweeper wired to that clock.
/// A sweep reads every due row in its database and moving the clock moves every case on it, so sweep tests
/// cannot share the class's database as other data tests do. Two ladders: Anji (enterprise group → village →
/// town) and Jimo (enterprise group → town/street station → district room); the employer has its own group.
/// </summary>
public sealed class ASweptCounty
{
    private static int _next;

    private ASweptCounty(Database db, FakeTimeProvider clock)
    {
        Db = db;
        Clock = clock;
        var services = new CaseServices(db, clock);
        Store = services.Store;
        Commands = services.Commands;
        Queries = services.Queries;
        Sweeper = NewSweeper();
        Regrader = new OpenCaseRegrader(db, Store, Commands);
        Digest = new InboxDigest(db, clock);
    }

    public Database Db { get; }
    public FakeTimeProvider Clock { get; }
    public CaseStore Store { get; }
    public CaseCommands Commands { get; }
    public CaseQueries Queries { get; }
    public DeadlineSweeper Sweeper { get; }
    public OpenCaseRegrader Regrader { get; }
    public InboxDigest Digest { get; }

    public long County { get; private set; }
    public long Town { get; private set; }
    public long Village { get; private set; }
    public long Group { get; private set; }
    public long Enterprise { get; private set; }
    public long Mediator { get; private set; }

    /// <summary>The units hosting levels 1, 2 and 3 for this county's employer.</summary>
    public long[] Hosts { get; private set; } = [];

    public CaseActor Manager => new(Mediator, "manager", $"/{County}/", "127.0.0.1");

    /// <summary>Anji: level 1 the employer's group, level 2 its village, level 3 its town.</summary>
    public static Task<ASweptCounty> AnjiAsync(TestDatabase fixture) => CreateAsync(fixture, jimo: false);

    /// <summary>Jimo: level 1 the employer's group, level 2 the town/street station, level 3 the district room.</summary>
    public static Task<ASweptCounty> JimoAsync(TestDatabase fixture) => CreateAsync(fixture, jimo: true);

    /// <summary>Another county (Anji's ladder or Jimo's) in the same database and on the same clock, with services of its own.</summary>
    public async Task<ASweptCounty> AlsoAsync(bool jimo)
    {
        var other = new ASweptCounty(Db, Clock);
        await other.InsertAsync(jimo);
        return other;
    }

    /// <summary>Another sweeper on the same database and clock, as a second node would run.</summary>
    public DeadlineSweeper NewSweeper() => new(Db, Commands, Clock);

    /// <summary>A dispute received at <paramref name="receivedAt"/> (now by default), yellow unless the facts say otherwise.</summary>
    public CaseRegistration Dispute(DateTimeOffset? receivedAt = null, decimal months = 0.5m, RiskSignals signals = RiskSignals.None) => new()
    {
        Channel = Channel.WalkIn,
        ReceivedAt = receivedAt ?? Clock.GetUtcNow(),
        Enterprise = new EnterpriseRef(Enterprise, null, null, null),
        Workers = [new CaseWorker("张三", "330523199001011238", "13812345678", 4200m, months)],
        Description = "拖欠工资",
        Signals = signals,
    };

    /// <summary>Registers a dispute: yellow by default, orange with 1–2 <paramref name="months"/> of arrears.</summary>
    public async Task<long> RegisterAsync(DateTimeOffset? receivedAt = null, decimal months = 0.5m, RiskSignals signals = RiskSignals.None) =>
        (await Commands.RegisterAsync(Dispute(receivedAt, months, signals), Manager)).Case.Id;

    public Task<CaseResult> ActAsync(long caseId, Action<DisputeCase, CaseRouting, ActionContext> act) =>
        Commands.ActAsync(caseId, null, Manager, act);

    /// <summary>Sweeps until a batch comes back short, as the job does.</summary>
    public async Task<SweepResult> SweepAllAsync(DeadlineSweeper? sweeper = null, int batchSize = 500)
    {
        var total = SweepResult.Empty;
        SweepResult batch;
        do
        {
            batch = await (sweeper ?? Sweeper).SweepAsync(batchSize);
            total = total.Add(batch);
        }
        while (batch.Due == batchSize && batch.Settled > 0);

        return total;
    }

    public async Task<(CaseState State, long UnitId)> WhereAsync(long caseId)
    {
        await using var connection = await Db.OpenAsync();
        var row = await connection.QuerySingleAsync<(string State, long UnitId)>(
            "SELECT state, unit_id FROM cases WHERE id = @Id", new { Id = caseId });
        return (Enum.Parse<CaseState>(row.State), row.UnitId);
    }

    public async Task<IReadOnlyList<string>> TriggersAsync(long caseId)
    {
        await using var connection = await Db.OpenAsync();
        return (await connection.QueryAsync<string>(
            "SELECT trigger_name FROM case_events WHERE case_id = @Id ORDER BY id", new { Id = caseId })).AsList();
    }

    /// <summary>The case's open deadline of <paramref name="kind"/> (e.g. 'level_limit').</summary>
    public async Task<DateTimeOffset> DueAsync(long caseId, string kind)
    {
        await using var connection = await Db.OpenAsync();
        return await connection.QuerySingleAsync<DateTimeOffset>(
            "SELECT MIN(due_at) FROM case_deadlines WHERE case_id = @Id AND kind = @Kind AND fired_at IS NULL", new { Id = caseId, Kind = kind });
    }

    public async Task<IReadOnlyList<(long UnitId, long? UserId, string Text)>> NotificationsAsync(long? caseId, string kind)
    {
        await using var connection = await Db.OpenAsync();
        return (await connection.QueryAsync<(long, long?, string)>(
            "SELECT unit_id, user_id, text FROM notifications WHERE (case_id = @Id OR @Id IS NULL) AND kind = @Kind ORDER BY id",
            new { Id = caseId, Kind = kind })).AsList();
    }

    public async Task<long> ScalarAsync(string sql, object? args = null)
    {
        await using var connection = await Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    /// <summary>The three-party linkage contacts of the county, plus an inactive one who must not be told.</summary>
    public async Task AddContactsAsync()
    {
        const string insert = """
            INSERT INTO county_contacts (county_id, party_kind, organisation, name, phone, is_active, created_at)
            VALUES (@County, @Kind, @Organisation, @Name, @Phone, @Active, @Now)
            """;
        await using var connection = await Db.OpenAsync();
        await connection.ExecuteAsync(insert, new[]
        {
            new { County, Kind = "county_union", Organisation = (string?)"县总工会", Name = "李主席", Phone = "0572-5000001", Active = true, Now = TestDatabase.Start },
            new { County, Kind = "hrss", Organisation = (string?)"县人力社保局", Name = "王科长", Phone = "0572-5000002", Active = true, Now = TestDatabase.Start },
            new { County, Kind = "political_legal", Organisation = (string?)null, Name = "赵书记", Phone = "0572-5000003", Active = true, Now = TestDatabase.Start },
            new { County, Kind = "hrss", Organisation = (string?)"县人力社保局", Name = "前任科长", Phone = "0572-5000009", Active = false, Now = TestDatabase.Start },
        });
    }

    private static async Task<ASweptCounty> CreateAsync(TestDatabase fixture, bool jimo)
    {
        var clock = new FakeTimeProvider(TestDatabase.Start);
        var db = await fixture.CreateEmptyDatabaseAsync();
        await new MigrationRunner(db, clock).MigrateAsync();
        var county = new ASweptCounty(db, clock);
        await county.InsertAsync(jimo);
        return county;
    }

    private async Task InsertAsync(bool jimo)
    {
        var n = Interlocked.Increment(ref _next);
        County = await AUnit.County(jimo ? "即墨区" : "安吉县", $"S{n}").InsertAsync(Db);
        Town = await AUnit.Town(County, jimo ? "通济街道" : "杭垓镇").InsertAsync(Db);
        Village = await AUnit.Village(Town, jimo ? "岘山社区" : "高村村").InsertAsync(Db);
        Group = await new AUnit("enterprise", "企业调解小组", Village).InsertAsync(Db);
        Hosts = jimo ? [Group, Town, County] : [Group, Village, Town];

        await using var connection = await Db.OpenAsync();
        var ladder = jimo ? new[] { "enterprise", "town", "county" } : ["enterprise", "village", "town"];
        for (var level = 1; level <= 3; level++)
        {
            await connection.ExecuteAsync(
                "INSERT INTO mediation_ladders (county_id, level, host_kind, name_zh, name_en) VALUES (@County, @Level, @Kind, @Zh, @En)",
                new { County, Level = level, Kind = ladder[level - 1], Zh = $"第{level}级", En = $"Level {level}" });
        }

        Enterprise = await connection.ExecuteScalarAsync<long>(Db.Dialect.InsertReturningId("""
            INSERT INTO enterprises (name, unit_id, mediation_unit_id, created_at) VALUES (@Name, @Unit, @Group, @Now)
            """), new { Name = $"某服装有限公司{n}", Unit = Village, Group, Now = TestDatabase.Start });
        Mediator = await connection.ExecuteScalarAsync<long>(Db.Dialect.InsertReturningId("""
            INSERT INTO users (username, display_name, password_hash, unit_id, created_at)
            VALUES (@Name, '王调解', 'x', @Unit, @Now)
            """), new { Name = $"mediator-s{n}", Unit = Group, Now = TestDatabase.Start });
    }
}
