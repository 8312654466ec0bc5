using CaseFlow.Data.Deadlines;
using CaseFlow.Data.Notifications;
using CaseFlow.Data.Tests.Deadlines;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using Dapper;

namespace CaseFlow.Data.Tests.Notifications;

/// <summary>The outbox: rows written with the notices that must go out, claimed and settled exactly once.</summary>
public abstract class OutboxTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [DatabaseFact]
    public async Task Register_AYellowCase_WritesOneWebhookRowForTheCaseArrivingInTheInbox()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);

        var id = await county.RegisterAsync();

        var rows = await RowsAsync(county);
        var row = rows.Should().ContainSingle().Subject;
        (row.Channel, row.CountyId, row.UnitId, row.CaseId, row.NoticeKind, row.Status, row.Attempts)
            .Should().Be(("webhook", county.County, county.Hosts[0], (long?)id, "case_received", "pending", 0));
        row.Recipient.Should().Be(await CodeOfAsync(county, county.County), "a webhook is addressed to the county by its code");
        row.NextAttemptAt.Should().Be(county.Clock.GetUtcNow(), "due at once");
        var payload = DbJson.Deserialize<OutboundPayload>(row.Payload)!;
        var notice = (await county.NotificationsAsync(id, "case_received")).Should().ContainSingle().Subject;
        (payload.Kind, payload.Text, payload.CaseId, payload.UnitId).Should().Be(("case_received", notice.Text, (long?)id, county.Hosts[0]));
    }

    [DatabaseFact]
    public async Task Register_ARedCase_WritesAWebhookForTheCounty_AndATextMessageToEachActiveContact()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        await county.AddContactsAsync();

        await county.RegisterAsync(signals: RiskSignals.CollectiveAction);

        var rows = await RowsAsync(county);
        rows.Where(r => r.NoticeKind == "red_alert").Select(r => (r.Channel, r.UnitId)).Should().Equal(("webhook", county.County));
        rows.Where(r => r.Channel == "sms").Select(r => (r.NoticeKind, r.Recipient))
            .Should().BeEquivalentTo([("party_alert", "0572-5000001"), ("party_alert", "0572-5000002"), ("party_alert", "0572-5000003")],
                "the inactive contact is not told");
        rows.Should().HaveCount(5, "the case arriving at level 3 is the fifth");
    }

    [DatabaseFact]
    public async Task ATransactionThatRollsBack_LeavesNeitherTheNoticeNorItsOutboxRow()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);

        var act = () => county.Db.InTransactionAsync<int>(async (c, t) =>
        {
            await Notices.WriteAsync(
                RowWriter.Dapper(c, t), [new Notice(county.Town, null, null, "case_received", "测试", county.Clock.GetUtcNow())], CancellationToken.None);
            (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages", transaction: t)).Should().Be(1);
            throw new InvalidOperationException("the change fails after its notice");
        });

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await county.ScalarAsync("SELECT COUNT(*) FROM outbox_messages")).Should().Be(0);
        (await county.ScalarAsync("SELECT COUNT(*) FROM notifications")).Should().Be(0);
    }

    [DatabaseFact]
    public async Task TheDigestAndTheArbitrationRight_StayInside()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var id = await county.RegisterAsync();
        await county.ActAsync(id, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        await county.ActAsync(id, (c, _, ctx) => c.ExtendDeadline(new DeadlineExtension(12, WorkerConsented: true, EmployerConsented: true), ctx));
        var other = await county.RegisterAsync();
        var before = await county.ScalarAsync("SELECT COUNT(*) FROM outbox_messages");

        county.Clock.SetUtcNow(await county.DueAsync(id, "arbitration_right"));
        await county.SweepAllAsync();
        var jimo = await ASweptCounty.JimoAsync(Fixture);
        var atTown = await jimo.RegisterAsync();
        jimo.Clock.SetUtcNow(await jimo.DueAsync(atTown, "level_limit"));
        await jimo.SweepAllAsync();
        await jimo.Digest.WriteAsync();

        (await county.NotificationsAsync(id, "arbitration_right")).Should().NotBeEmpty();
        (await jimo.NotificationsAsync(null, InboxDigest.Kind)).Should().NotBeEmpty();
        (await county.ScalarAsync("SELECT COUNT(*) FROM outbox_messages WHERE notice_kind IN ('arbitration_right', 'daily_digest')")).Should().Be(0);
        (await jimo.ScalarAsync("SELECT COUNT(*) FROM outbox_messages WHERE notice_kind IN ('arbitration_right', 'daily_digest')")).Should().Be(0);
        (await county.ScalarAsync("SELECT COUNT(*) FROM outbox_messages WHERE case_id = @Id AND notice_kind <> 'case_received'", new { Id = other }))
            .Should().BeGreaterThan(0, "the other case's reminders and escalation notices do go out");
        before.Should().BeGreaterThan(0);
    }

    [DatabaseFact]
    public async Task Claim_TwoPassesAtOnce_TakeDisjointRows_AndEveryDueRowOnce()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        for (var i = 0; i < 12; i++)
        {
            await county.RegisterAsync();
        }

        var (a, b) = (new Outbox(county.Db, county.Clock), new Outbox(county.Db, county.Clock));
        var claims = await Task.WhenAll(a.ClaimDueAsync(8, Lease), b.ClaimDueAsync(8, Lease));

        var ids = claims.SelectMany(c => c.Messages.Select(m => m.Id)).ToList();
        ids.Should().OnlyHaveUniqueItems().And.HaveCount(12);
        claims.SelectMany(c => c.Messages).Should().OnlyContain(m => m.Attempts == 1);
        (await a.ClaimDueAsync(8, Lease)).Messages.Should().BeEmpty("every row is held by a live claim");
    }

    [DatabaseFact]
    public async Task Claim_AfterTheLeaseRunsOut_TakesTheRowAgain_AndTheOldClaimCanNoLongerSettleIt()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        await county.RegisterAsync();
        var outbox = new Outbox(county.Db, county.Clock);
        var first = await outbox.ClaimDueAsync(10, Lease);
        var id = first.Messages.Single().Id;

        county.Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        var early = await outbox.ClaimDueAsync(10, Lease);
        county.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await outbox.ClaimDueAsync(10, Lease);

        early.Messages.Should().BeEmpty();
        second.Messages.Should().ContainSingle().Which.Should().Match<OutboxMessage>(m => m.Id == id && m.Attempts == 2);
        (await outbox.DeliveredAsync(first, id)).Should().BeFalse("the first claim's lease is over");
        (await outbox.DeliveredAsync(second, id)).Should().BeTrue();
        (await StatusAsync(county, id)).Should().Be("delivered");
    }

    [DatabaseFact]
    public async Task Settle_APassesRowsTogether_EachToItsOutcome_ButNotTheRowAnotherClaimTookOver()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        for (var i = 0; i < 3; i++)
        {
            await county.RegisterAsync();
        }

        var outbox = new Outbox(county.Db, county.Clock);
        var first = await outbox.ClaimDueAsync(3, Lease);
        var ids = first.Messages.Select(m => m.Id).ToList();
        county.Clock.Advance(Lease);
        var second = await outbox.ClaimDueAsync(1, Lease);

        var settled = await outbox.SettleAsync(first,
        [
            new OutboxSettlement(ids[0], OutboxOutcome.Delivered),
            new OutboxSettlement(ids[1], OutboxOutcome.Retry, "HTTP 503 Service Unavailable", county.Clock.GetUtcNow().AddSeconds(30)),
            new OutboxSettlement(ids[2], OutboxOutcome.Failed, "HTTP 404 Not Found"),
        ]);

        ids.Should().HaveCount(3);
        second.Messages.Should().ContainSingle().Which.Id.Should().Be(ids[0], "the oldest row, its first lease over");
        settled.Should().BeEquivalentTo([ids[1], ids[2]], "the first row is the second claim's now");
        (await StatusAsync(county, ids[0])).Should().Be("pending");
        (await StatusAsync(county, ids[1])).Should().Be("pending");
        (await StatusAsync(county, ids[2])).Should().Be("failed");
        (await county.ScalarAsync("SELECT COUNT(*) FROM outbox_messages WHERE id = @Id AND claim_token IS NULL AND last_error = 'HTTP 503 Service Unavailable'", new { Id = ids[1] }))
            .Should().Be(1, "the retried row is released with its error");
    }

    [DatabaseFact]
    public async Task Delivered_IsNeverClaimedAgain()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        await county.RegisterAsync();
        var outbox = new Outbox(county.Db, county.Clock);
        var claim = await outbox.ClaimDueAsync(10, Lease);
        await outbox.DeliveredAsync(claim, claim.Messages.Single().Id);

        county.Clock.Advance(TimeSpan.FromDays(30));

        (await outbox.ClaimDueAsync(10, Lease)).Messages.Should().BeEmpty();
        (await county.ScalarAsync("SELECT COUNT(*) FROM outbox_messages WHERE delivered_at IS NOT NULL AND claim_token IS NULL")).Should().Be(1);
    }

    [DatabaseFact]
    public async Task Retry_IsDueAgainOnlyAtItsNextAttempt_AndFailedIsFinalWithItsError()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        await county.RegisterAsync();
        var outbox = new Outbox(county.Db, county.Clock);
        var claim = await outbox.ClaimDueAsync(10, Lease);
        var id = claim.Messages.Single().Id;

        await outbox.RetryAsync(claim, id, "HTTP 503 Service Unavailable", county.Clock.GetUtcNow().AddSeconds(30));
        var tooEarly = await outbox.ClaimDueAsync(10, Lease);
        county.Clock.Advance(TimeSpan.FromSeconds(30));
        var again = await outbox.ClaimDueAsync(10, Lease);
        await outbox.FailedAsync(again, id, new string('x', 1500));
        county.Clock.Advance(TimeSpan.FromDays(1));
        var afterFailing = await outbox.ClaimDueAsync(10, Lease);

        tooEarly.Messages.Should().BeEmpty();
        again.Messages.Should().ContainSingle().Which.Attempts.Should().Be(2);
        afterFailing.Messages.Should().BeEmpty();
        (await StatusAsync(county, id)).Should().Be("failed");
        (await county.ScalarAsync("SELECT LENGTH(last_error) FROM outbox_messages WHERE id = @Id".Replace("LENGTH", Dialect.Provider == DatabaseProvider.SqlServer ? "LEN" : "LENGTH", StringComparison.Ordinal), new { Id = id }))
            .Should().Be(Outbox.MaxErrorLength, "the error is cut to the column's limit");
    }

    [DatabaseFact]
    public async Task Stats_CountPendingAndFailed_AndTellTheOldestPending()
    {
        var county = await ASweptCounty.AnjiAsync(Fixture);
        var written = county.Clock.GetUtcNow();
        await county.RegisterAsync();
        county.Clock.Advance(TimeSpan.FromMinutes(10));
        await county.RegisterAsync();
        await county.RegisterAsync();
        var outbox = new Outbox(county.Db, county.Clock);
        var claim = await outbox.ClaimDueAsync(1, Lease);
        await outbox.FailedAsync(claim, claim.Messages.Single().Id, "HTTP 404 Not Found");
        county.Clock.Advance(TimeSpan.FromHours(2));

        var recent = await outbox.StatsAsync(county.Clock.GetUtcNow().AddHours(-24));
        var later = await outbox.StatsAsync(county.Clock.GetUtcNow().AddHours(-1));

        recent.Should().Be(new OutboxStats(2, written.AddMinutes(10), 1, 1));
        later.RecentlyFailed.Should().Be(0, "the failure is older than the hour asked about");
    }

    private static async Task<string> StatusAsync(ASweptCounty county, long id)
    {
        await using var connection = await county.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT status FROM outbox_messages WHERE id = @Id", new { Id = id }) ?? "";
    }

    private static async Task<string> CodeOfAsync(ASweptCounty county, long unitId)
    {
        await using var connection = await county.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT code FROM org_units WHERE id = @Id", new { Id = unitId }) ?? "";
    }

    private static async Task<IReadOnlyList<Row>> RowsAsync(ASweptCounty county)
    {
        await using var connection = await county.Db.OpenAsync();
        return (await connection.QueryAsync<Row>("""
            SELECT channel AS Channel, recipient AS Recipient, county_id AS CountyId, unit_id AS UnitId, case_id AS CaseId,
                   notice_kind AS NoticeKind, payload AS Payload, status AS Status, attempts AS Attempts, next_attempt_at AS NextAttemptAt
            FROM outbox_messages ORDER BY id
            """)).AsList();
    }

    private sealed class Row
    {
        public string Channel { get; init; } = "";
        public string Recipient { get; init; } = "";
        public long CountyId { get; init; }
        public long UnitId { get; init; }
        public long? CaseId { get; init; }
        public string NoticeKind { get; init; } = "";
        public string Payload { get; init; } = "";
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset? NextAttemptAt { get; init; }
    }
}

public sealed class SqliteOutboxTests(SqliteTestDatabase fixture) : OutboxTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerOutboxTests(SqlServerTestDatabase fixture) : OutboxTests<SqlServerTestDatabase>(fixture);

/// <summary>The table of notices that go out: every kind decided, none twice.</summary>
public sealed class NoticesGoOutTests
{
    [Fact]
    public void EveryNoticeKind_EitherGoesOutOrStaysInside_NeverBoth()
    {
        var kinds = Enum.GetValues<NoticeKind>().Select(k => DbCode.Of(k)).Append(RedAlertFanOut.ContactAlertKind).Append(InboxDigest.Kind).Append(InboxDigest.CalendarMissingKind).ToList();

        kinds.Where(k => Notices.GoesOut.ContainsKey(k) == Notices.StaysInside.Contains(k))
            .Should().BeEmpty("a kind of notice is decided once: it goes out (and how) or it stays in CaseFlow");
        Notices.GoesOut.Keys.Concat(Notices.StaysInside).Should().BeSubsetOf(kinds, "the table names only kinds that exist");
    }

    [Fact]
    public void TheThreePartiesAndTheInboxes_AreTold()
    {
        Notices.GoesOut[DbCode.Of(NoticeKind.RedAlert)].Should().Contain(OutboundChannel.Webhook);
        Notices.GoesOut[RedAlertFanOut.ContactAlertKind].Should().Equal(OutboundChannel.Sms);
        Notices.GoesOut[DbCode.Of(NoticeKind.CaseReceived)].Should().Contain(OutboundChannel.Webhook);
        Notices.GoesOut[DbCode.Of(NoticeKind.Reminder)].Should().Contain(OutboundChannel.Webhook);
        Notices.GoesOut[DbCode.Of(NoticeKind.AcceptanceOverdue)].Should().Contain(OutboundChannel.Webhook);
    }
}
