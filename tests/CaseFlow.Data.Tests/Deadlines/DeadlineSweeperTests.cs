using CaseFlow.Data.Deadlines;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Tests.Deadlines;

/// <summary>The deadline sweep: timers as rows, fired through the case handler exactly once, whatever the timing.</summary>
public abstract class DeadlineSweeperTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [DatabaseFact]
    public async Task Escalate_WhenLevelOneDeadlinePasses_MovesToTheVillageOnTheAnjiLadder()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var id = await county.RegisterAsync();
        var limit = await county.DueAsync(id, "level_limit");

        county.Clock.SetUtcNow(limit - Minute);
        var early = await county.SweepAllAsync();
        var atLevelOne = await county.WhereAsync(id);
        county.Clock.SetUtcNow(limit);
        var due = await county.SweepAllAsync();

        early.Transitions.Should().Be(0);
        atLevelOne.Should().Be((CaseState.Level1AwaitingAcceptance, county.Hosts[0]));
        due.Transitions.Should().Be(1);
        (await county.WhereAsync(id)).Should().Be((CaseState.Level2AwaitingAcceptance, county.Village));
        (await county.TriggersAsync(id)).Should().Equal("Grade", "DeadlineElapsed");
        (await county.ScalarAsync("SELECT COUNT(*) FROM case_events WHERE case_id = @Id AND by_user_id IS NULL AND trigger_name = 'DeadlineElapsed'", new { Id = id }))
            .Should().Be(1, "the timer acts as the system");
    }

    [DatabaseFact]
    public async Task Escalate_OnTheJimoLadder_GoesToTheTownStationThenTheDistrictRoomThenFails()
    {
        var county = await ASweptCounty.JimoAsync(Fixture);
        var id = await county.RegisterAsync();
        var seen = new List<(CaseState, long)>();

        for (var step = 0; step < 3; step++)
        {
            county.Clock.SetUtcNow(await county.DueAsync(id, "level_limit"));
            (await county.SweepAllAsync()).Transitions.Should().Be(1);
            seen.Add(await county.WhereAsync(id));
        }

        seen.Should().Equal(
            (CaseState.Level2AwaitingAcceptance, county.Town),
            (CaseState.Level3AwaitingAcceptance, county.County),
            (CaseState.MediationFailed, county.County));
        (await county.TriggersAsync(id)).Should().Equal("Grade", "DeadlineElapsed", "DeadlineElapsed", "DeadlineElapsed");
        (await county.ScalarAsync("SELECT COUNT(*) FROM case_deadlines WHERE case_id = @Id AND fired_at IS NULL", new { Id = id }))
            .Should().Be(0, "a failed mediation has no timers left");
    }

    [DatabaseFact]
    public async Task Escalate_RecordsTheLimitRowAsFiredOnce_AndTheNextLevelCountsFromNow()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var id = await county.RegisterAsync();
        var limit = await county.DueAsync(id, "level_limit");
        county.Clock.SetUtcNow(limit + TimeSpan.FromHours(3));

        await county.SweepAllAsync();

        (await county.ScalarAsync(
            "SELECT COUNT(*) FROM case_deadlines WHERE case_id = @Id AND kind = 'level_limit' AND fired_at IS NOT NULL AND for_state = 'Level1AwaitingAcceptance'",
            new { Id = id })).Should().Be(1);
        (await county.DueAsync(id, "level_limit")).Should().BeAfter(county.Clock.GetUtcNow().AddDays(4),
            "level 2 gets its own five days from when it received the case");
    }

    [DatabaseFact]
    public async Task Sweep_ACaseResolvedAMinuteBeforeItsLimit_IsNotEscalated()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var id = await county.RegisterAsync();
        var limit = await county.DueAsync(id, "level_limit");
        await county.ActAsync(id, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        county.Clock.SetUtcNow(limit - Minute);
        await county.ActAsync(id, (c, _, ctx) => c.ConfirmPerformance(4200m, ctx));

        county.Clock.SetUtcNow(limit + TimeSpan.FromDays(30));
        var result = await county.SweepAllAsync();

        result.Transitions.Should().Be(0);
        (await county.WhereAsync(id)).State.Should().Be(CaseState.Resolved);
        (await county.TriggersAsync(id)).Should().NotContain("DeadlineElapsed");
    }

    [DatabaseFact]
    public async Task ExtendDeadline_WithBothPartiesConsent_MovesTheLimitAndTheEscalationWithIt()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var id = await county.RegisterAsync();
        var limit = await county.DueAsync(id, "level_limit");
        await county.ActAsync(id, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        county.Clock.Advance(TimeSpan.FromDays(2));

        await county.ActAsync(id, (c, _, ctx) => c.ExtendDeadline(new DeadlineExtension(3, WorkerConsented: true, EmployerConsented: true), ctx));
        var extended = await county.DueAsync(id, "level_limit");
        county.Clock.SetUtcNow(limit);
        var atOldLimit = await county.SweepAllAsync();
        county.Clock.SetUtcNow(extended);
        var atNewLimit = await county.SweepAllAsync();

        extended.Should().Be(limit.AddDays(3));
        atOldLimit.Transitions.Should().Be(0);
        atNewLimit.Transitions.Should().Be(1);
        (await county.WhereAsync(id)).Should().Be((CaseState.Level2AwaitingAcceptance, county.Village));
    }

    [DatabaseFact]
    public async Task Sweep_APaperCaseEnteredTenDaysLate_EscalatesOnTheNextSweepExactlyOnce()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var id = await county.RegisterAsync(receivedAt: county.Clock.GetUtcNow().AddDays(-10));

        var first = await county.SweepAllAsync();
        var second = await county.SweepAllAsync();

        first.Transitions.Should().Be(1);
        second.Should().BeEquivalentTo(SweepResult.Empty);
        (await county.WhereAsync(id)).Should().Be((CaseState.Level2AwaitingAcceptance, county.Village));
        (await county.TriggersAsync(id)).Count(t => t == "DeadlineElapsed").Should().Be(1);
        (await county.NotificationsAsync(id, "reminder")).Should().BeEmpty("reminders of a limit already passed say nothing");
        first.Suppressed.Should().BeGreaterThan(0);
    }

    [DatabaseFact]
    public async Task Sweep_AfterAnOutageOverAHoliday_EscalatesEachOverdueCaseExactlyOnce()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var ids = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await county.RegisterAsync());
            county.Clock.Advance(TimeSpan.FromHours(1));
        }

        county.Clock.Advance(TimeSpan.FromDays(40));
        var first = await county.SweepAllAsync(batchSize: 7);
        var second = await county.SweepAllAsync(batchSize: 7);

        first.Transitions.Should().Be(ids.Count);
        first.Failures.Should().BeEmpty();
        second.Transitions.Should().Be(0);
        foreach (var id in ids)
        {
            (await county.TriggersAsync(id)).Should().Equal(["Grade", "DeadlineElapsed"], "case {0} escalates one level, not through all three", id);
        }
    }

    [DatabaseFact]
    public async Task Sweep_ARowThatFailsAmongOthers_IsUndoneAlone_AndSettlesOnALaterSweep()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await county.RegisterAsync());
        }

        var broken = ids[2];
        county.Clock.Advance(TimeSpan.FromDays(20));
        await ExecuteAsync(county, Fixture.Database.Provider == DatabaseProvider.Sqlite
            ? $"CREATE TRIGGER fail_events_{broken} BEFORE INSERT ON case_events WHEN NEW.case_id = {broken} BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
            : $"CREATE TRIGGER dbo.fail_events_{broken} ON dbo.case_events AFTER INSERT AS BEGIN IF EXISTS (SELECT 1 FROM inserted WHERE case_id = {broken}) THROW 50000, 'injected failure', 1; END");

        var first = await county.SweepAllAsync(batchSize: 100);
        await ExecuteAsync(county, $"DROP TRIGGER {(Fixture.Database.Provider == DatabaseProvider.Sqlite ? "" : "dbo.")}fail_events_{broken}");
        var second = await county.SweepAllAsync(batchSize: 100);

        first.Failures.Should().ContainSingle().Which.CaseId.Should().Be(broken);
        first.Transitions.Should().Be(4);
        (await county.TriggersAsync(ids[0])).Should().Equal("Grade", "DeadlineElapsed");
        second.Transitions.Should().Be(1);
        (await county.TriggersAsync(broken)).Should().Equal("Grade", "DeadlineElapsed");
    }

    private static async Task ExecuteAsync(ASweptCounty county, string sql)
    {
        await using var connection = await county.Db.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    [DatabaseFact]
    public async Task Sweep_TwoSweepersAtOnceOverTheSameDueRows_EscalateEachCaseOnce()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var ids = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await county.RegisterAsync());
        }

        county.Clock.Advance(TimeSpan.FromDays(6));
        var dueRows = await county.ScalarAsync(
            "SELECT COUNT(*) FROM case_deadlines WHERE fired_at IS NULL AND due_at <= @Now", new { Now = county.Clock.GetUtcNow() });

        // Both sweepers read the due rows while a writer holds the cases, so both then work through the same rows.
        Task<SweepResult[]> both;
        await using (var connection = await county.Db.OpenAsync())
        await using (var holder = await county.Db.BeginTransactionAsync(connection))
        {
            await connection.ExecuteAsync("UPDATE cases SET version = version", transaction: holder);
            both = Task.WhenAll(
                Task.Run(() => county.SweepAllAsync(county.NewSweeper(), batchSize: 500)),
                Task.Run(() => county.SweepAllAsync(county.NewSweeper(), batchSize: 500)));
            // Long enough for both to have started and read, even cold (JIT) on a loaded machine.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await holder.CommitAsync();
        }

        var results = await both;
        results.Sum(r => r.Transitions).Should().Be(ids.Count);
        results.Sum(r => r.Transitions + r.Notices + r.Suppressed).Should().Be((int)dueRows, "each due row is acted on by exactly one sweeper");
        results.Sum(r => r.Skipped).Should().Be(results.Sum(r => r.Due) - (int)dueRows, "the other sweeper finds the rows taken");
        results.Should().OnlyContain(r => r.Failures.Count == 0 && r.Conflicts == 0 && r.Due > 0);
        (await county.ScalarAsync("SELECT COUNT(*) FROM case_events WHERE trigger_name = 'DeadlineElapsed'")).Should().Be(ids.Count);
        (await county.ScalarAsync("SELECT COUNT(*) FROM cases WHERE state = 'Level2AwaitingAcceptance'")).Should().Be(ids.Count);
    }

    [DatabaseFact]
    public async Task Sweep_StoppedMidGroup_CommitsTheRowsSettled_AndLeavesTheRestDueForTheNextSweep()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await county.RegisterAsync());
        }

        // Only the level limits, so each of the group's three rows escalates its case.
        await county.ScalarAsync("DELETE FROM case_deadlines WHERE kind <> 'level_limit'");
        county.Clock.Advance(TimeSpan.FromDays(6));
        using var stop = new CancellationTokenSource();
        var settled = new List<long>();
        var sweeper = new DeadlineSweeper(county.Db, county.Commands, county.Clock)
        {
            AfterGroupRow = id =>
            {
                settled.Add(id);
                stop.Cancel();
            },
        };

        var stopped = () => sweeper.SweepAsync(batchSize: 500, stop.Token);

        await stopped.Should().ThrowAsync<OperationCanceledException>();
        settled.Should().HaveCount(1, "the stop is seen before the group's next row");
        (await county.ScalarAsync("SELECT COUNT(*) FROM case_events WHERE trigger_name = 'DeadlineElapsed'")).Should().Be(1);
        (await county.ScalarAsync("SELECT COUNT(*) FROM case_deadlines WHERE kind = 'level_limit' AND fired_at IS NOT NULL"))
            .Should().Be(1, "the group claimed all three rows, and gave back the two it had not reached");
        (await county.ScalarAsync("SELECT COALESCE(SUM(cases), 0) FROM case_summary WHERE state = 'Level2AwaitingAcceptance'"))
            .Should().Be(1, "the summary moved with the row committed, and only with it");

        var next = await county.SweepAllAsync();

        next.Transitions.Should().Be(2);
        (await county.ScalarAsync("SELECT COUNT(*) FROM case_events WHERE trigger_name = 'DeadlineElapsed'")).Should().Be(3, "each case escalated exactly once");
        (await county.ScalarAsync("SELECT COUNT(*) FROM cases WHERE state = 'Level2AwaitingAcceptance'")).Should().Be(3);
        (await county.ScalarAsync("SELECT COALESCE(SUM(cases), 0) FROM case_summary WHERE state = 'Level2AwaitingAcceptance'")).Should().Be(3);
    }

    [DatabaseFact]
    public async Task Reminder_NotifiesTheUnitAndTheMediatorOnce_EvenAfterTheDeadlinesAreRewritten()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var id = await county.RegisterAsync();
        await county.ActAsync(id, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        var reminder = await county.DueAsync(id, "reminder");

        county.Clock.SetUtcNow(reminder);
        var first = await county.SweepAllAsync();
        await county.ActAsync(id, (c, _, ctx) => c.RecordSession(new MediationSession(ctx.Now, "双方到场"), ctx));
        var again = await county.SweepAllAsync();

        first.Notices.Should().Be(1);
        again.Notices.Should().Be(0);
        (await county.NotificationsAsync(id, "reminder")).Select(n => (n.UnitId, n.UserId))
            .Should().Equal((county.Group, null), (county.Group, county.Mediator));
        (await county.NotificationsAsync(id, "reminder")).Should().OnlyContain(n => n.Text.Contains("第1级调解期限将于", StringComparison.Ordinal));
    }

    [DatabaseFact]
    public async Task Acceptance_NotAcceptedInTime_TellsTheParentUnitOnce()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var id = await county.RegisterAsync(months: 1.5m);
        county.Clock.SetUtcNow(await county.DueAsync(id, "acceptance"));

        await county.SweepAllAsync();
        await county.SweepAllAsync();

        (await county.NotificationsAsync(id, "acceptance_overdue")).Should().ContainSingle()
            .Which.UnitId.Should().Be(county.Town, "the town above the village that holds the orange case supervises it");
        (await county.WhereAsync(id)).Should().Be((CaseState.Level2AwaitingAcceptance, county.Village), "an overdue acceptance tells, it does not escalate");
    }

    [DatabaseFact]
    public async Task ArbitrationRight_OnDayFifteen_TellsTheCurrentUnitOnce()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var id = await county.RegisterAsync();
        await county.ActAsync(id, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        await county.ActAsync(id, (c, _, ctx) => c.ExtendDeadline(new DeadlineExtension(12, WorkerConsented: true, EmployerConsented: true), ctx));
        var right = await county.DueAsync(id, "arbitration_right");

        county.Clock.SetUtcNow(right - Minute);
        await county.SweepAllAsync();
        var before = await county.NotificationsAsync(id, "arbitration_right");
        county.Clock.SetUtcNow(right);
        await county.SweepAllAsync();
        await county.SweepAllAsync();

        before.Should().BeEmpty();
        (await county.NotificationsAsync(id, "arbitration_right")).Should().ContainSingle().Which.UnitId.Should().Be(county.Group);
        (await county.WhereAsync(id)).State.Should().Be(CaseState.Level1InMediation, "the right to arbitration changes nothing in mediation");
    }

    [DatabaseFact]
    public async Task PaymentDue_Unpaid_FailsTheMediation()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var id = await county.RegisterAsync();
        await county.ActAsync(id, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        await county.ActAsync(id, (c, _, ctx) => c.ReachAgreement(new AgreementTerms(4200m, new DateOnly(2026, 1, 16), "lump_sum"), ctx));
        var due = await county.DueAsync(id, "payment_due");

        county.Clock.SetUtcNow(due - Minute);
        var early = await county.SweepAllAsync();
        county.Clock.SetUtcNow(due);
        var late = await county.SweepAllAsync();

        early.Transitions.Should().Be(0);
        late.Transitions.Should().Be(1);
        (await county.TriggersAsync(id)).Should().EndWith("PerformanceOverdue");
        (await county.WhereAsync(id)).State.Should().Be(CaseState.MediationFailed);
    }

    [DatabaseFact]
    public async Task Sweep_ARowFromAnOlderDeadlineVersion_IsRemovedWithoutActing()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var id = await county.RegisterAsync();
        await using (var connection = await county.Db.OpenAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO case_deadlines (case_id, kind, for_state, deadline_version, due_at, created_at)
                VALUES (@Id, 'level_limit', 'Level1AwaitingAcceptance', 0, @Due, @Due)
                """,
                new { Id = id, Due = county.Clock.GetUtcNow().AddHours(-1) });
        }

        var result = await county.SweepAllAsync();

        result.Should().BeEquivalentTo(new SweepResult(Due: 1, Obsolete: 1));
        (await county.WhereAsync(id)).State.Should().Be(CaseState.Level1AwaitingAcceptance);
        (await county.ScalarAsync("SELECT COUNT(*) FROM case_deadlines WHERE case_id = @Id AND deadline_version = 0", new { Id = id })).Should().Be(0);
    }

    [DatabaseFact]
    public async Task Regrade_ToRed_JumpsToLevelThreeAndTellsTheThreeParties()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        await county.AddContactsAsync();
        var id = await county.RegisterAsync();
        var unchanged = await county.RegisterAsync();
        await using (var connection = await county.Db.OpenAsync())
        {
            // The facts changed since registration: the workers gathered at the gate.
            await connection.ExecuteAsync("UPDATE cases SET collective_action = 1 WHERE id = @Id", new { Id = id });
        }

        var result = await county.Regrader.RegradeAsync(pageSize: 1);

        result.Should().Be(new RegradeResult(Checked: 2, Raised: 1, Conflicts: 0));
        (await county.WhereAsync(id)).Should().Be((CaseState.Level3AwaitingAcceptance, county.Town));
        (await county.WhereAsync(unchanged)).State.Should().Be(CaseState.Level1AwaitingAcceptance);
        (await county.TriggersAsync(id)).Should().Equal("Grade", "RiskRaised");
        (await county.NotificationsAsync(id, "red_alert")).Should().ContainSingle().Which.UnitId.Should().Be(county.County);
        var told = await county.NotificationsAsync(id, RedAlertFanOut.ContactAlertKind);
        told.Should().HaveCount(3).And.OnlyContain(n => n.UnitId == county.County && n.UserId == null);
        told.Select(n => n.Text).Should().Satisfy(
            t => t.Contains("县总工会 李主席", StringComparison.Ordinal),
            t => t.Contains("县人力社保局 王科长", StringComparison.Ordinal),
            t => t.Contains("政法委 赵书记", StringComparison.Ordinal));
    }

    [DatabaseFact]
    public async Task Register_GradedRed_TellsTheThreePartiesInTheSameTransaction()
    {
        var county = await ASweptCounty.JimoAsync(Fixture);
        await county.AddContactsAsync();

        var id = await county.RegisterAsync(signals: Domain.Grading.RiskSignals.EmployerAbsconded);

        (await county.WhereAsync(id)).Should().Be((CaseState.Level3AwaitingAcceptance, county.County));
        (await county.NotificationsAsync(id, RedAlertFanOut.ContactAlertKind)).Should().HaveCount(3);
    }

    [DatabaseFact]
    public async Task Digest_GivesEachTownshipWithAnInboxOneSummary()
    {
        var county = await ASweptCounty.JimoAsync(Fixture);
        var first = await county.RegisterAsync();
        await county.RegisterAsync();
        county.Clock.SetUtcNow(await county.DueAsync(first, "level_limit"));
        await county.SweepAllAsync();
        county.Clock.SetUtcNow(await county.DueAsync(first, "acceptance"));

        var written = await county.Digest.WriteAsync();

        written.Should().Be(1);
        (await county.NotificationsAsync(null, InboxDigest.Kind)).Should().ContainSingle()
            .Which.Should().Be((county.Town, null, "通济街道今日待受理案件2件，其中超过受理时限2件"));
    }

    [DatabaseFact]
    public async Task Digest_RunTwiceTheSameChinaDay_WritesOneSummary_AndTheNextDayAnother()
    {
        var county = await ASweptCounty.JimoAsync(Fixture);
        var first = await county.RegisterAsync();
        county.Clock.SetUtcNow(await county.DueAsync(first, "level_limit"));
        await county.SweepAllAsync();

        var morning = await county.Digest.WriteAsync();
        county.Clock.Advance(TimeSpan.FromHours(3));
        var retried = await county.Digest.WriteAsync();
        county.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await county.Digest.WriteAsync();

        (morning, retried, nextDay).Should().Be((1, 0, 1));
        (await county.NotificationsAsync(null, InboxDigest.Kind)).Should().HaveCount(2);
    }
}

public sealed class SqliteDeadlineSweeperTests(SqliteTestDatabase fixture) : DeadlineSweeperTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerDeadlineSweeperTests(SqlServerTestDatabase fixture) : DeadlineSweeperTests<SqlServerTestDatabase>(fixture);
