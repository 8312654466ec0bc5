using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using Dapper;

namespace CaseFlow.Data.Tests.Cases;

/// <summary>
/// The case list by keyset (issue 17): pages follow each other in the list's order without repeats or gaps, even when
/// rows change between pages; a cursor is only a position, never a way into another jurisdiction; totals stop at a cap.
/// </summary>
public abstract class CaseKeysetTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Keyset_WalksEveryOpenCaseOnce_InColourThenDeadlineOrder_AndAgreesWithOffsetPaging()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var open = await MixedCasesAsync(county);

        var walked = await WalkAsync(county.Queries, new CaseFilter { OpenOnly = true, Limit = 4 }, CaseViewer.Scope(county.CountyPath));

        walked.Select(i => i.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(open);
        walked.Should().Equal(walked.OrderBy(UrgencyKey).ToList(), (a, b) => a.Id == b.Id, "red first, then by deadline, undated last, then by id");
        walked.Select(i => i.RiskColor).Should().Contain([RiskColor.Red, RiskColor.Orange, RiskColor.Yellow]);
        walked.Should().Contain(i => i.NextDueAt == null, "resolved cases have no deadline and come last in their colour");
        var byOffset = new List<long>();
        for (var offset = 0; offset < open.Count; offset += 4)
        {
            byOffset.AddRange((await county.Queries.ListAsync(new CaseFilter { OpenOnly = true, Offset = offset, Limit = 4 }, county.CountyPath)).Items.Select(i => i.Id));
        }

        byOffset.Should().Equal(walked.Select(i => i.Id), "page numbers read the same order");
    }

    [DatabaseFact]
    public async Task Keyset_RowsChangingBetweenPages_NeitherRepeatNorSkipTheOthers()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var open = await MixedCasesAsync(county);
        var filter = new CaseFilter { OpenOnly = true, Limit = 5 };
        var first = await county.Queries.ListAsync(filter, county.CountyPath);

        // Between pages: a case of the first page is withdrawn, and a new red case arrives ahead of the cursor.
        var withdrawn = first.Items[1].Id;
        await county.Commands.ActAsync(withdrawn, null, county.CountyManager, (c, _, ctx) => c.Withdraw(ctx));
        var arrived = (await county.Commands.RegisterAsync(county.Dispute(signals: RiskSignals.CollectiveAction), county.CountyManager)).Case.Id;
        CaseCursor.TryParse(first.Next, out var after).Should().BeTrue();
        var rest = await WalkAsync(county.Queries, filter with { After = after }, CaseViewer.Scope(county.CountyPath));

        var seen = first.Items.Select(i => i.Id).Concat(rest.Select(i => i.Id)).ToList();
        seen.Should().OnlyHaveUniqueItems();
        seen.Should().BeEquivalentTo(open, "every case there at the start is seen once; an offset would have skipped one after the withdrawal");
        rest.Select(i => i.Id).Should().NotContain(arrived, "it sorts before the cursor: it shows on the first page, not again later");
        (await county.Queries.ListAsync(filter, county.CountyPath)).Items.Select(i => i.Id).Should().Contain(arrived).And.NotContain(withdrawn);
    }

    [DatabaseFact]
    public async Task Keyset_ACursorFromAnotherJurisdiction_GivesOnlyTheViewersOwnCases()
    {
        var county = await ACounty.CreateAsync(Fixture);
        await MixedCasesAsync(county);
        var townB = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            townB.Add((await county.Commands.RegisterAsync(county.Dispute(enterprise: county.EnterpriseInTownB), county.CountyManager)).Case.Id);
        }

        // The county's first page, cut just before town B's yellow cases: a cursor town A's user may have picked up.
        var countyPage = await county.Queries.ListAsync(new CaseFilter { OpenOnly = true, Limit = 2 }, county.CountyPath);
        CaseCursor.TryParse(countyPage.Next, out var after).Should().BeTrue();
        var townA = new CaseViewer(county.Mediator, county.TownAPath);

        var rows = await WalkAsync(county.Queries, new CaseFilter { OpenOnly = true, Limit = 3, After = after }, townA);

        rows.Should().NotBeEmpty();
        rows.Select(i => i.Id).Should().NotIntersectWith(townB);
        foreach (var row in rows)
        {
            (await county.Queries.GetAsync(row.Id, townA)).Should().NotBeNull("every listed case is one town A may see");
        }

        var partner = new CaseViewer(county.Mediator, county.CountyPath, PartnerOrgId: long.MaxValue);
        (await county.Queries.ListAsync(new CaseFilter { After = after }, partner)).Items.Should().BeEmpty("a partner with no share sees nothing, cursor or not");
    }

    [DatabaseFact]
    public async Task Keyset_KeepsFollowersAndAssignees_EscalatedAndAssignedCasesAreListed()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var groupPath = $"{county.TownAPath}{county.VillageA}/{county.GroupA}/";
        var group = new CaseActor(county.Mediator, "group", groupPath);
        var escalated = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        await county.Commands.ActAsync(escalated, null, group, (c, r, ctx) => c.Escalate(r, ctx), "企业拒不到场");
        var assigned = (await county.Commands.RegisterAsync(county.Dispute(), county.CountyManager)).Case.Id;
        await county.Commands.ActAsync(assigned, null, county.CountyManager, (c, _, ctx) => c.Accept(county.Mediator, ctx));

        var followed = await county.Queries.ListAsync(new CaseFilter { OpenOnly = true }, new CaseViewer(null, groupPath));
        var assignee = await county.Queries.ListAsync(new CaseFilter { OpenOnly = true }, new CaseViewer(county.Mediator, county.TownBPath));

        followed.Items.Should().ContainSingle(i => i.Id == escalated).Which.Access.Should().Be(CaseAccess.ReadOnly);
        assignee.Items.Should().ContainSingle(i => i.Id == assigned).Which.Access.Should().Be(CaseAccess.Act);
        assignee.Total.Should().Be(assignee.Items.Count);
    }

    [DatabaseFact]
    public async Task Total_AboveTheCap_IsCappedAndFlagged_BelowItExact()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var open = await MixedCasesAsync(county);
        var capped = new CaseQueries(Db, county.Store, new AuditWriter(Db, county.Clock), new DeadlineCalculator(WorkingCalendar.China(), new TimeLimitOptions()), county.Clock)
        {
            TotalCap = 5,
        };

        var many = await capped.ListAsync(new CaseFilter { OpenOnly = true, Limit = 3 }, county.CountyPath);
        var few = await capped.ListAsync(new CaseFilter { OpenOnly = true, Color = RiskColor.Red }, county.CountyPath);

        open.Count.Should().BeGreaterThan(5);
        many.Should().Match<Page<CaseListItem>>(p => p.Total == 5 && p.TotalIsCapped && p.Next != null && p.Items.Count == 3);
        few.TotalIsCapped.Should().BeFalse();
        few.Total.Should().Be(few.Items.Count).And.BeGreaterThan(0);
        few.Next.Should().BeNull();
    }

    [DatabaseFact]
    public async Task ClosedCases_AreListedOnlyWhenAskedFor_AndPagedByKeysetToo()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var open = await MixedCasesAsync(county);
        var closed = new List<long>();
        foreach (var id in open.Skip(5).Take(5))
        {
            await county.Commands.ActAsync(id, null, county.CountyManager, (c, _, ctx) => c.Withdraw(ctx));
            closed.Add(id);
        }

        var openNow = await WalkAsync(county.Queries, new CaseFilter { OpenOnly = true, Limit = 3 }, CaseViewer.Scope(county.CountyPath));
        var withdrawn = await WalkAsync(county.Queries, new CaseFilter { States = [CaseState.Withdrawn], Limit = 2 }, CaseViewer.Scope(county.CountyPath));
        var all = await WalkAsync(county.Queries, new CaseFilter { Limit = 4 }, CaseViewer.Scope(county.CountyPath));

        openNow.Select(i => i.Id).Should().BeEquivalentTo(open.Except(closed));
        withdrawn.Select(i => i.Id).Should().BeEquivalentTo(closed);
        all.Select(i => i.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(open);
    }

    [Fact]
    public void Cursor_OnlyTheTextItWrote_IsAccepted()
    {
        var cursor = CaseCursor.After(3, new DateTimeOffset(2026, 11, 20, 1, 30, 0, 123, TimeSpan.Zero), 42);
        var text = cursor.Encode();

        CaseCursor.TryParse(text, out var back).Should().BeTrue();
        back.Should().Be(cursor);
        CaseCursor.TryParse(CaseCursor.After(null, null, 7).Encode(), out var undated).Should().BeTrue();
        undated!.Due.Should().BeNull();
        string[] tampered =
        [
            "", "abc", text[..^2], text + "A", text.Replace('A', 'B'), "not base64!",
            Plain("k1.0.-.42"), Plain("k1.1.638000000000000000.42"), Plain("k1.8.-.42"), Plain("k1.3.-.0"), Plain("k1.3.-.-5"),
            Plain("k2.3.-.42"), Plain("k1.3.-.42.1"), Plain("k1.03.-.42"), Plain("k1.0.99999999999999999999.1"),
        ];
        foreach (var bad in tampered)
        {
            CaseCursor.TryParse(bad, out var parsed).Should().BeFalse(bad);
            parsed.Should().BeNull();
        }
    }

    /// <summary>Open cases of every colour, with and without deadlines, a few hours apart; their ids.</summary>
    private static async Task<List<long>> MixedCasesAsync(ACounty county)
    {
        var ids = new List<long>();
        for (var i = 0; i < 14; i++)
        {
            var registration = (i % 3) switch
            {
                0 => county.Dispute(amount: 1000m + i),
                1 => county.Dispute(amount: 1000m + i, months: 1.5m),
                _ => county.Dispute(amount: 1000m + i, signals: i % 2 == 0 ? RiskSignals.CollectiveAction : RiskSignals.None),
            };
            ids.Add((await county.Commands.RegisterAsync(registration, county.CountyManager)).Case.Id);
            county.Clock.Advance(TimeSpan.FromMinutes(37));
        }

        // Two resolved cases: still open, with no deadline left.
        foreach (var id in new[] { ids[0], ids[4] })
        {
            await county.Commands.ActAsync(id, null, county.CountyManager, (c, _, ctx) => c.Accept(county.Mediator, ctx));
            await county.Commands.ActAsync(id, null, county.CountyManager, (c, _, ctx) => c.ReachAgreement(new AgreementTerms(1000m, new DateOnly(2026, 12, 2), "银行转账"), ctx));
            await county.Commands.ActAsync(id, null, county.CountyManager, (c, _, ctx) => c.ConfirmPerformance(1000m, ctx));
        }

        return ids;
    }

    private static async Task<List<CaseListItem>> WalkAsync(CaseQueries queries, CaseFilter filter, CaseViewer viewer)
    {
        var rows = new List<CaseListItem>();
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await queries.ListAsync(filter, viewer);
            rows.AddRange(page.Items);
            if (page.Next is null)
            {
                return rows;
            }

            CaseCursor.TryParse(page.Next, out var after).Should().BeTrue();
            filter = filter with { After = after };
        }

        throw new InvalidOperationException("The walk does not end.");
    }

    private static (int, long, long) UrgencyKey(CaseListItem item) =>
        (item.RiskColor is { } c ? 3 - (int)c : 3, item.NextDueAt?.UtcTicks ?? long.MaxValue, item.Id);

    private static string Plain(string text) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.ASCII.GetBytes(text));
}

public sealed class SqliteCaseKeysetTests(SqliteTestDatabase fixture) : CaseKeysetTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerCaseKeysetTests(SqlServerTestDatabase fixture) : CaseKeysetTests<SqlServerTestDatabase>(fixture);

/// <summary>
/// SQLite's own plan for every statement a list page sends: each branch reads its rows from an index in the list's
/// order, with no temporary B-tree to sort them, for the walk over a large subtree, a small one unit by unit, the
/// assignee's and the followers' branches, and with a cursor.
/// </summary>
public sealed class SqliteCaseListPlanTests(SqliteTestDatabase fixture) : DatabaseTests<SqliteTestDatabase>(fixture)
{
    [DatabaseFact]
    public async Task EveryBranchOfAPage_ReadsAnIndexInOrder_WithoutSorting()
    {
        var county = await ACounty.CreateAsync(Fixture);
        for (var i = 0; i < CaseQueries.DefaultUnitByUnitLimit + 1; i++)
        {
            await AUnit.Village(county.TownB, $"村{i}").InsertAsync(Db);
        }

        var groupPath = $"{county.TownAPath}{county.VillageA}/{county.GroupA}/";
        var cursor = CaseCursor.After(1, new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), 5);
        var cases = new (string Name, CaseViewer Viewer, CaseFilter Filter, string Index)[]
        {
            ("county, walked in order", new CaseViewer(county.Mediator, county.CountyPath), new CaseFilter { OpenOnly = true }, "ix_cases_open_urgency"),
            ("county after a cursor", new CaseViewer(county.Mediator, county.CountyPath), new CaseFilter { OpenOnly = true, After = cursor }, "ix_cases_open_urgency"),
            ("county, every state", new CaseViewer(null, county.CountyPath), new CaseFilter(), "ix_cases_closed_urgency"),
            ("group, unit by unit, with its followed and assigned cases", new CaseViewer(county.Mediator, groupPath), new CaseFilter { OpenOnly = true }, "ix_cases_unit_open_urgency"),
            ("mine", new CaseViewer(county.Mediator, county.TownAPath), new CaseFilter { OpenOnly = true, MediatorUserId = county.Mediator }, "ix_cases_mediator"),
        };

        await using var connection = await Db.OpenAsync();
        foreach (var (name, viewer, filter, index) in cases)
        {
            var (filters, args) = county.Queries.ListFilters(filter, viewer, county.Clock.GetUtcNow());
            var branches = await county.Queries.BranchesAsync(connection, filter, viewer, args, default);
            foreach (var segment in new[] { 0, 1, 4, 7 })
            {
                var sql = county.Queries.SegmentSql(branches, segment, filter.After?.Segment == segment ? filter.After : null, filters, args, 21);
                var statements = sql.Split(";\n").Select(s => s.TrimEnd(';')).ToList();
                statements.Should().HaveCount(branches.Count);
                var used = new List<string>();
                for (var b = 0; b < statements.Count; b++)
                {
                    var plans = (await connection.QueryAsync<PlanRow>("EXPLAIN QUERY PLAN " + statements[b], args)).Select(r => r.Detail).ToList();
                    var plan = string.Join(" | ", plans);
                    plans.Should().NotContain(d => d.Contains("TEMP B-TREE", StringComparison.Ordinal), $"{name}, segment {segment}, branch {b}: {plan}");
                    plans.Should().Contain(d => d.Contains("ix_cases_", StringComparison.Ordinal), $"{name}, segment {segment}, branch {b} reads a case index: {plan}");
                    used.Add(plan);
                }

                used.Should().Contain(p => p.Contains(index, StringComparison.Ordinal), $"{name}, segment {segment}: {string.Join(" // ", used)}");
            }
        }
    }

    private sealed class PlanRow
    {
        public long Id { get; init; }
        public long Parent { get; init; }
        public long NotUsed { get; init; }
        public string Detail { get; init; } = "";
    }
}
