using CaseFlow.Data.Cases;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using Microsoft.Extensions.Time.Testing;
using Dapper;

namespace CaseFlow.Data.Tests.Builders;

/// <summary>
/// A fresh Anji-style county in the shared test database: two towns, a village each, an enterprise mediation
/// group in town A's village, two employers, a mediator, and the case services wired to the fixture's clock.
/// Each call makes a county of its own (its own case-number prefix), so tests sharing a database do not meet.
/// </summary>
public sealed class ACounty
{
    private static int _next;

    private ACounty(Database db, FakeTimeProvider clock)
    {
        Db = db;
        Clock = clock;
        var services = new CaseServices(db, clock);
        Store = services.Store;
        Commands = services.Commands;
        Queries = services.Queries;
    }

    public Database Db { get; }
    public FakeTimeProvider Clock { get; }
    public CaseStore Store { get; }
    public CaseCommands Commands { get; }
    public CaseQueries Queries { get; }

    public string Code { get; private set; } = "";
    public long County { get; private set; }
    public long TownA { get; private set; }
    public long TownB { get; private set; }
    public long VillageA { get; private set; }
    public long VillageB { get; private set; }
    public long GroupA { get; private set; }
    public long EnterpriseWithGroup { get; private set; }
    public long EnterpriseInTownB { get; private set; }
    public long Mediator { get; private set; }

    public string CountyPath => $"/{County}/";
    public string TownAPath => $"/{County}/{TownA}/";
    public string TownBPath => $"/{County}/{TownB}/";

    public CaseActor CountyManager => new(Mediator, "county-manager", CountyPath, "127.0.0.1");
    public CaseActor TownAUser => new(Mediator, "town-a", TownAPath, "127.0.0.1");
    public CaseActor TownBUser => new(Mediator, "town-b", TownBPath, "127.0.0.1");

    public static async Task<ACounty> CreateAsync(TestDatabase fixture)
    {
        var county = new ACounty(fixture.Database, fixture.Clock);
        await county.InsertAsync();
        return county;
    }

    /// <summary>A yellow dispute at the town-A employer with its own mediation group.</summary>
    public CaseRegistration Dispute(decimal amount = 3000.50m, decimal months = 0.5m, RiskSignals signals = RiskSignals.None, long? enterprise = null) => new()
    {
        Channel = Channel.WalkIn,
        ReceivedAt = Clock.GetUtcNow(),
        Enterprise = new EnterpriseRef(enterprise ?? EnterpriseWithGroup, null, null, null),
        Workers = [new CaseWorker("张三", "330523199001011238", "13812345678", amount, months)],
        ClaimTypes = [ClaimType.WageArrears, ClaimType.Overtime],
        Description = "某竹木制品公司拖欠工资",
        Signals = signals,
    };

    private async Task InsertAsync()
    {
        var n = Interlocked.Increment(ref _next);
        Code = $"T{n}";
        County = await AUnit.County($"测试县{n}", Code).InsertAsync(Db);
        TownA = await AUnit.Town(County, "杭垓镇").InsertAsync(Db);
        TownB = await AUnit.Town(County, "孝丰镇").InsertAsync(Db);
        VillageA = await AUnit.Village(TownA, "高村村").InsertAsync(Db);
        VillageB = await AUnit.Village(TownB, "横溪坞村").InsertAsync(Db);
        GroupA = await new AUnit("enterprise", "竹木公司调解小组", VillageA).InsertAsync(Db);

        await using var connection = await Db.OpenAsync();
        foreach (var level in new[] { (1, "enterprise"), (2, "village"), (3, "town") })
        {
            await connection.ExecuteAsync(
                "INSERT INTO mediation_ladders (county_id, level, host_kind, name_zh, name_en) VALUES (@County, @Level, @Kind, @Zh, @En)",
                new { County, Level = level.Item1, Kind = level.Item2, Zh = $"第{level.Item1}级", En = $"Level {level.Item1}" });
        }

        const string enterprise = """
            INSERT INTO enterprises (name, credit_code, unit_id, mediation_unit_id, created_at)
            VALUES (@Name, @Code, @Unit, @Group, @Now)
            """;
        EnterpriseWithGroup = await connection.ExecuteScalarAsync<long>(Db.Dialect.InsertReturningId(enterprise),
            new { Name = $"安吉某竹木制品有限公司{n}", Code = (string?)null, Unit = VillageA, Group = (long?)GroupA, Now = TestDatabase.Start });
        EnterpriseInTownB = await connection.ExecuteScalarAsync<long>(Db.Dialect.InsertReturningId(enterprise),
            new { Name = $"孝丰某椅业有限公司{n}", Code = (string?)null, Unit = VillageB, Group = (long?)null, Now = TestDatabase.Start });
        Mediator = await connection.ExecuteScalarAsync<long>(Db.Dialect.InsertReturningId("""
            INSERT INTO users (username, display_name, password_hash, unit_id, created_at)
            VALUES (@Name, '王调解', 'x', @Unit, @Now)
            """), new { Name = $"mediator-{Code}", Unit = TownA, Now = TestDatabase.Start });
    }
}
