using System.Data.Common;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using Dapper;

namespace CaseFlow.Data.Tests.Cases;

/// <summary>The case aggregate's writes: registration, the transition write, concurrency and jurisdiction.</summary>
public abstract class CaseStoreTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Register_RoundTripsTheCaseWithChineseTextAndExactMoney()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var registration = county.Dispute(amount: 12345678901.23m, months: 0.75m) with
        {
            Workers =
            [
                new CaseWorker("欧阳娜娜", "330523199001011238", "13812345678", 12345678901.23m, 0.75m),
                new CaseWorker("李四", "11010519491231002X", "19912345678", 0.01m, 0.5m),
            ],
            DeclaredWorkers = 5,
        };

        var registered = await county.Commands.RegisterAsync(registration, county.TownAUser);

        await using var connection = await Db.OpenAsync();
        var loaded = await county.Store.LoadAsync(connection, null, registered.Case.Id, county.CountyPath);
        loaded.Should().NotBeNull();
        loaded!.Number.Should().Be($"{county.Code}-2026-000001");
        loaded.State.Should().Be(CaseState.Level1AwaitingAcceptance);
        loaded.UnitId.Should().Be(county.GroupA, "the employer has its own mediation group, which hosts level 1");
        loaded.LocationUnitId.Should().Be(county.GroupA);
        loaded.Description.Should().Be("某竹木制品公司拖欠工资");
        loaded.ClaimTypes.Should().Equal(ClaimType.WageArrears, ClaimType.Overtime);
        loaded.Workers.Should().BeEquivalentTo(registration.Workers, o => o.WithStrictOrdering());
        loaded.AmountOwed.Should().Be(12345678901.24m);
        loaded.WorkersInvolved.Should().Be(5);
        loaded.RiskColor.Should().Be(RiskColor.Yellow, "under a month of arrears for two workers is yellow, whatever the amount");
        loaded.RiskRules.Should().NotBeEmpty().And.OnlyContain(r => r.Zh.Length > 0 && r.En.Length > 0);
        loaded.FirstReceivedAt.Should().Be(TestDatabase.Start);
        loaded.Version.Should().Be(1);
    }

    [DatabaseFact]
    public async Task Register_WritesTheGradeEventItsDeadlinesANoticeAndAnAuditRow()
    {
        var county = await ACounty.CreateAsync(Fixture);

        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;

        await using var connection = await Db.OpenAsync();
        var events = (await connection.QueryAsync<(string Trigger, string From, string To)>(
            "SELECT trigger_name, from_state, to_state FROM case_events WHERE case_id = @Id", new { Id = id })).ToList();
        events.Should().Equal(("Grade", "Registered", "Level1AwaitingAcceptance"));
        (await connection.QueryAsync<string>("SELECT kind FROM case_deadlines WHERE case_id = @Id AND deadline_version = 1", new { Id = id }))
            .Should().Contain(["acceptance", "level_limit", "reminder", "arbitration_right"]);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE case_id = @Id AND unit_id = @Unit", new { Id = id, Unit = county.GroupA }))
            .Should().Be(1);
        (await connection.QueryAsync<string>("SELECT action FROM audit_log WHERE entity = 'case' AND entity_id = @Id", new { Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            .Should().Equal("case.grade");
    }

    [DatabaseFact]
    public async Task Register_AnEmployerOutsideTheCallersTowns_IsRefusedAndWritesNothing()
    {
        var county = await ACounty.CreateAsync(Fixture);

        var register = () => county.Commands.RegisterAsync(county.Dispute(enterprise: county.EnterpriseInTownB), county.TownAUser);

        (await register.Should().ThrowAsync<CaseRegistrationException>()).Which.Field.Should().Be("enterprise.id");
        await using var connection = await Db.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases WHERE location_unit_id IN @Units", new { Units = new[] { county.VillageB, county.GroupA } }))
            .Should().Be(0);
    }

    [DatabaseFact]
    public async Task Act_AcceptThenEscalate_MovesTheCaseUpTheLadderWithItsEventsAndNewDeadlines()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;

        var accepted = await county.Commands.ActAsync(id, 1, county.TownAUser, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        county.Clock.Advance(TimeSpan.FromDays(1));
        var escalated = await county.Commands.ActAsync(id, 2, county.TownAUser, (c, r, ctx) => c.Escalate(r, ctx), "企业拒不到场");

        accepted.Version.Should().Be(2);
        escalated.Version.Should().Be(3);
        escalated.Case.State.Should().Be(CaseState.Level2AwaitingAcceptance);
        escalated.Case.UnitId.Should().Be(county.VillageA);
        await using var connection = await Db.OpenAsync();
        (await connection.QueryAsync<string>("SELECT trigger_name FROM case_events WHERE case_id = @Id ORDER BY id", new { Id = id }))
            .Should().Equal("Grade", "Accept", "Escalate");
        (await connection.QueryAsync<string>("SELECT DISTINCT for_state FROM case_deadlines WHERE case_id = @Id AND fired_at IS NULL", new { Id = id }))
            .Should().Equal("Level2AwaitingAcceptance");
        (await connection.ExecuteScalarAsync<string>("SELECT reason FROM case_events WHERE case_id = @Id AND trigger_name = 'Escalate'", new { Id = id }))
            .Should().Be("企业拒不到场");
    }

    [DatabaseFact]
    public async Task Act_WhenTheWriteFailsAfterTheEventInsert_LeavesNothingChanged()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        var before = await SnapshotAsync(id);
        await InjectDeadlineInsertFailureAsync(id);

        try
        {
            var accept = () => county.Commands.ActAsync(id, 1, county.TownAUser, (c, _, ctx) => c.Accept(county.Mediator, ctx));
            await accept.Should().ThrowAsync<DbException>().WithMessage("*injected failure*");
        }
        finally
        {
            await RemoveInjectedFailureAsync(id);
        }

        (await SnapshotAsync(id)).Should().BeEquivalentTo(before);
    }

    [DatabaseFact]
    public async Task Act_TwoConcurrentTransitionsFromTheSameVersion_ExactlyOneSucceeds()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;

        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                await county.Commands.ActAsync(id, 1, county.TownAUser, (c, _, ctx) => c.Accept(county.Mediator, ctx));
                return "ok";
            }
            catch (CaseConcurrencyException)
            {
                return "conflict";
            }
        })));

        attempts.Should().BeEquivalentTo(["ok", "conflict"]);
        await using var connection = await Db.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM case_events WHERE case_id = @Id AND trigger_name = 'Accept'", new { Id = id }))
            .Should().Be(1);
    }

    [DatabaseFact]
    public async Task Save_OfACopyLoadedBeforeAnotherWrite_IsAConflict()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        await using var connection = await Db.OpenAsync();
        var first = (await county.Store.LoadAsync(connection, null, id, county.CountyPath))!;
        var second = (await county.Store.LoadAsync(connection, null, id, county.CountyPath))!;
        var ctx = new ActionContext(county.Clock.GetUtcNow(), county.Mediator);
        first.Accept(county.Mediator, ctx);
        second.Reject(ctx with { Reason = "不属于劳动争议" });

        await Db.InTransactionAsync((conn, tx) => county.Store.SaveAsync(conn, tx, first, [], county.TownAUser.Audit));
        var late = () => Db.InTransactionAsync((conn, tx) => county.Store.SaveAsync(conn, tx, second, [], county.TownAUser.Audit));

        (await late.Should().ThrowAsync<CaseConcurrencyException>()).Which.ExpectedVersion.Should().Be(1);
        (await county.Store.LoadAsync(connection, null, id, county.CountyPath))!.State.Should().Be(CaseState.Level1InMediation);
    }

    [DatabaseFact]
    public async Task ACaseOfAnotherTown_IsNotFound_ForLoadingAndForActing()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;

        await using var connection = await Db.OpenAsync();
        (await county.Store.LoadAsync(connection, null, id, county.TownBPath)).Should().BeNull();
        (await county.Store.LoadAsync(connection, null, id, county.TownAPath)).Should().NotBeNull();
        var act = () => county.Commands.ActAsync(id, null, county.TownBUser, (c, _, ctx) => c.Withdraw(ctx));
        await act.Should().ThrowAsync<CaseNotFoundException>();
    }

    [DatabaseFact]
    public async Task TheSystem_ReachesCasesInEveryCounty()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;

        var result = await county.Commands.ActAsync(id, null, CaseActor.System, (c, r, ctx) => c.DeadlineElapsed(r, ctx));

        result.Case.State.Should().Be(CaseState.Level2AwaitingAcceptance);
        result.Case.NewEvents.Should().ContainSingle().Which.ByUserId.Should().BeNull();
    }

    [DatabaseFact]
    public async Task Act_RefusedByTheWorkflow_CarriesTheReasonsAndWritesNothing()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        var before = await SnapshotAsync(id);

        var agree = () => county.Commands.ActAsync(id, 1, county.TownAUser, (c, _, ctx) =>
            c.ReachAgreement(new AgreementTerms(100m, new DateOnly(2026, 2, 1), "现金"), ctx));

        (await agree.Should().ThrowAsync<CaseActionRefusedException>()).Which.Reasons.Should().Equal(CaseRefusal.NotInThisState);
        (await SnapshotAsync(id)).Should().BeEquivalentTo(before);
    }

    [DatabaseFact]
    public async Task Transition_ReplacesOpenDeadlines_ButKeepsTheOnesThatFired()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        await using var connection = await Db.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE case_deadlines SET fired_at = @Now WHERE case_id = @Id AND kind = 'arbitration_right'", new { Id = id, Now = county.Clock.GetUtcNow() });

        await county.Commands.ActAsync(id, 1, county.TownAUser, (c, _, ctx) => c.Accept(county.Mediator, ctx));

        var rows = (await connection.QueryAsync<(string Kind, int Version, bool Fired)>(
            "SELECT kind, deadline_version, CASE WHEN fired_at IS NULL THEN 0 ELSE 1 END FROM case_deadlines WHERE case_id = @Id", new { Id = id })).ToList();
        rows.Should().ContainSingle(r => r.Kind == "arbitration_right").Which.Should().Be(("arbitration_right", 1, true));
        rows.Where(r => !r.Fired).Should().OnlyContain(r => r.Version == 2).And.NotContain(r => r.Kind == "acceptance");
    }

    private async Task<object> SnapshotAsync(long id)
    {
        await using var connection = await Db.OpenAsync();
        return new
        {
            Case = await connection.QuerySingleAsync<(string State, int Version, long? Mediator)>(
                "SELECT state, version, mediator_user_id FROM cases WHERE id = @Id", new { Id = id }),
            Events = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM case_events WHERE case_id = @Id", new { Id = id }),
            Deadlines = (await connection.QueryAsync<(string, int)>(
                "SELECT kind, deadline_version FROM case_deadlines WHERE case_id = @Id ORDER BY id", new { Id = id })).ToList(),
            Audit = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE entity = 'case'"),
            Notices = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE case_id = @Id", new { Id = id }),
        };
    }

    private async Task InjectDeadlineInsertFailureAsync(long caseId)
    {
        await using var connection = await Db.OpenAsync();
        await connection.ExecuteAsync(Db.Provider == DatabaseProvider.Sqlite
            ? $"CREATE TRIGGER fail_deadlines_{caseId} BEFORE INSERT ON case_deadlines WHEN NEW.case_id = {caseId} BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
            : $"CREATE TRIGGER dbo.fail_deadlines_{caseId} ON dbo.case_deadlines AFTER INSERT AS BEGIN IF EXISTS (SELECT 1 FROM inserted WHERE case_id = {caseId}) THROW 50000, 'injected failure', 1; END");
    }

    private async Task RemoveInjectedFailureAsync(long caseId)
    {
        await using var connection = await Db.OpenAsync();
        await connection.ExecuteAsync(Db.Provider == DatabaseProvider.Sqlite
            ? $"DROP TRIGGER fail_deadlines_{caseId}"
            : $"DROP TRIGGER dbo.fail_deadlines_{caseId}");
    }
}

public sealed class SqliteCaseStoreTests(SqliteTestDatabase fixture) : CaseStoreTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerCaseStoreTests(SqlServerTestDatabase fixture) : CaseStoreTests<SqlServerTestDatabase>(fixture);
