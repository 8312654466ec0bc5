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
/// The case list's text search served by indexes (issue 17): part of an enterprise's name in the viewer's county, the
/// start of a party's name, the start of a case number; each source bounded and the bound reported; the viewer's
/// jurisdiction still decides what is listed; pages follow by keyset in the list's order.
/// </summary>
public abstract class CaseTextSearchTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Search_ByPartOfAnEnterprisesName_FindsItsCases_LatinLettersInEitherCase()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var bamboo = await RegisterAsync(county, county.EnterpriseWithGroup);
        var chairs = await RegisterAsync(county, county.EnterpriseInTownB);
        var latin = await EnterpriseAsync(county, county.VillageA, $"Acme Bamboo Works {county.Code}");
        var acme = await RegisterAsync(county, latin);

        (await IdsAsync(county, "某竹木制品", county.CountyPath)).Should().Equal(bamboo);
        (await IdsAsync(county, "椅业有限", county.CountyPath)).Should().Equal(chairs);
        (await IdsAsync(county, "bamboo WORKS", county.CountyPath)).Should().Equal(acme);
        (await IdsAsync(county, "某", county.CountyPath, allowShort: true)).Should().BeNull("one character is below the minimum");
    }

    [DatabaseFact]
    public async Task Search_ByAPartysName_MatchesFromTheSurname_NotInTheMiddle()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var ouyang = await RegisterAsync(county, county.EnterpriseWithGroup, "欧阳明华");
        var li = await RegisterAsync(county, county.EnterpriseInTownB, "李明");
        var nguyen = await RegisterAsync(county, county.EnterpriseInTownB, "Nguyen Van An");

        (await IdsAsync(county, "欧阳", county.CountyPath)).Should().Equal(ouyang);
        (await IdsAsync(county, "欧阳明华", county.CountyPath)).Should().Equal(ouyang);
        (await IdsAsync(county, "李明", county.CountyPath)).Should().Equal(li);
        (await IdsAsync(county, "明华", county.CountyPath)).Should().BeEmpty("a match in the middle of a person's name is not looked for");
        (await IdsAsync(county, "nguyen van", county.CountyPath)).Should().Equal(nguyen);
        (await IdsAsync(county, "Van An", county.CountyPath)).Should().BeEmpty();
    }

    [DatabaseFact]
    public async Task Search_ByTheStartOfACaseNumber_FindsIt_InEitherCase_WildcardsTakenLiterally()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var first = await RegisterAsync(county, county.EnterpriseWithGroup);
        var second = await RegisterAsync(county, county.EnterpriseInTownB);
        var number = (await county.Queries.GetAsync(second, county.CountyPath))!.Number;

        (await IdsAsync(county, number, county.CountyPath)).Should().Equal(second);
        (await IdsAsync(county, number.ToLowerInvariant(), county.CountyPath)).Should().Equal(second);
        (await IdsAsync(county, county.Code + "-", county.CountyPath)).Should().BeEquivalentTo([first, second], "every number of the county starts with its code");
        (await IdsAsync(county, county.Code + "*", county.CountyPath)).Should().BeEmpty("* is a character here, not GLOB's wildcard");
        (await IdsAsync(county, county.Code[..1] + "?" + county.Code[2..], county.CountyPath)).Should().BeEmpty("? too");
        (await IdsAsync(county, number[..^1] + "_", county.CountyPath)).Should().BeEmpty("and LIKE's _");
        number.Should().StartWith(county.Code + "-");
    }

    [DatabaseFact]
    public async Task Search_NeverListsACaseOutsideTheViewersJurisdiction()
    {
        var mine = await ACounty.CreateAsync(Fixture);
        var other = await ACounty.CreateAsync(Fixture);
        var inTownA = await RegisterAsync(mine, mine.EnterpriseWithGroup, "张三丰");
        var inTownB = await RegisterAsync(mine, mine.EnterpriseInTownB, "张三丰");
        var elsewhere = await RegisterAsync(other, other.EnterpriseWithGroup, "张三丰");
        var otherNumber = (await other.Queries.GetAsync(elsewhere, other.CountyPath))!.Number;
        var otherEnterprise = await NameOfAsync(other.EnterpriseWithGroup);

        (await IdsAsync(mine, "张三丰", mine.CountyPath)).Should().BeEquivalentTo([inTownA, inTownB]);
        (await IdsAsync(other, "张三丰", other.CountyPath)).Should().Equal(elsewhere);
        (await IdsAsync(mine, "张三丰", mine.TownAPath)).Should().Equal(inTownA);
        (await IdsAsync(mine, "孝丰某椅业", mine.TownAPath)).Should().BeEmpty("the enterprise is town B's");
        (await IdsAsync(mine, otherNumber, mine.CountyPath)).Should().BeEmpty();
        (await IdsAsync(mine, otherEnterprise, mine.CountyPath)).Should().BeEmpty();
        var partner = new CaseViewer(mine.Mediator, mine.CountyPath, PartnerOrgId: long.MaxValue);
        (await mine.Queries.ListAsync(new CaseFilter { Text = "张三丰" }, partner)).Items.Should().BeEmpty("a partner sees only what is shared with it");
        (await mine.Queries.ListAsync(new CaseFilter { Text = "张三丰", UnitId = mine.TownB }, mine.CountyPath)).Items.Select(i => i.Id).Should().Equal(inTownB);
    }

    [DatabaseFact]
    public async Task Search_MatchedTwice_ListsTheCaseOnce_AndCountsItOnce()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var namesake = await EnterpriseAsync(county, county.VillageB, $"王小明五金店{county.Code}");
        var both = await RegisterAsync(county, namesake, "王小明");
        var byName = await RegisterAsync(county, county.EnterpriseWithGroup, "王小明");
        var byShop = await RegisterAsync(county, namesake, "赵六");

        var page = await county.Queries.ListAsync(new CaseFilter { Text = "王小明", OpenOnly = true }, county.CountyPath);
        var everyState = await county.Queries.ListAsync(new CaseFilter { Text = "王小明" }, county.CountyPath);

        page.Items.Select(i => i.Id).Should().BeEquivalentTo([both, byName, byShop]);
        page.Total.Should().Be(3);
        page.SearchTooBroad.Should().BeFalse();
        everyState.Total.Should().Be(3);
    }

    [DatabaseFact]
    public async Task Search_ReachingABound_IsFlaggedTooBroad_AndListsWhatItFound()
    {
        var county = await ACounty.CreateAsync(Fixture);

        // Names of this county alone: the party-name index is shared by every county of the test database.
        var zhangWei = "张伟" + county.Code;
        var li = "李四" + county.Code;
        var zhang = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            zhang.Add(await RegisterAsync(county, county.EnterpriseWithGroup, zhangWei));
        }

        var chairs = await RegisterAsync(county, county.EnterpriseInTownB, li);
        var bounded = Bounded(county, enterprises: 1, candidates: 3);

        var byName = await bounded.ListAsync(new CaseFilter { Text = zhangWei }, county.CountyPath);
        var byEnterprise = await bounded.ListAsync(new CaseFilter { Text = "有限公司" }, county.CountyPath);
        var within = await bounded.ListAsync(new CaseFilter { Text = li }, county.CountyPath);

        byName.SearchTooBroad.Should().BeTrue();
        byName.Items.Should().HaveCount(3).And.OnlyContain(i => zhang.Contains(i.Id), "what the bounded read found, no more");
        byEnterprise.SearchTooBroad.Should().BeTrue("both enterprises of the county match, one is searched");
        byEnterprise.Items.Select(i => i.Id).Should().BeSubsetOf(zhang.Append(chairs)).And.NotBeEmpty();
        byEnterprise.Items.Select(i => i.Id).Should().Match(ids => ids.All(zhang.Contains) || ids.All(id => id == chairs), "the cases of one enterprise");
        within.SearchTooBroad.Should().BeFalse();
        within.Items.Select(i => i.Id).Should().Equal(chairs);
        (await county.Queries.ListAsync(new CaseFilter { Text = zhangWei }, county.CountyPath)).Should()
            .Match<Page<CaseListItem>>(p => !p.SearchTooBroad && p.Total == 5, "the default bounds are far above five");
    }

    [DatabaseFact]
    public async Task Search_PagesByKeyset_EveryMatchOnce_InTheListsOrder_AndPageNumbersAgree()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var matched = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            var registration = (i % 3) switch
            {
                0 => county.Dispute(amount: 1000m + i),
                1 => county.Dispute(amount: 1000m + i, months: 1.5m),
                _ => county.Dispute(amount: 1000m + i, signals: RiskSignals.CollectiveAction),
            };

            // Half found by the enterprise's name, half by the worker's: both sources on every page.
            registration = i % 2 == 0
                ? registration
                : registration with { Enterprise = new EnterpriseRef(county.EnterpriseInTownB, null, null, null), Workers = [Worker("竹木生")] };
            matched.Add((await county.Commands.RegisterAsync(registration, county.CountyManager)).Case.Id);
            county.Clock.Advance(TimeSpan.FromMinutes(41));
        }

        await RegisterAsync(county, county.EnterpriseInTownB, "李四");
        var filter = new CaseFilter { Text = "竹木", OpenOnly = true, Limit = 5 };

        var walked = await WalkAsync(county.Queries, filter, CaseViewer.Scope(county.CountyPath));
        var byNumber = new List<long>();
        for (var offset = 0; offset < matched.Count + 5; offset += 5)
        {
            byNumber.AddRange((await county.Queries.ListAsync(filter with { Offset = offset }, county.CountyPath)).Items.Select(i => i.Id));
        }

        walked.Select(i => i.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(matched);
        walked.Should().Equal(walked.OrderBy(UrgencyKey).ToList(), (a, b) => a.Id == b.Id, "red first, then by deadline, then by id");
        walked.Select(i => i.RiskColor).Distinct().Should().HaveCountGreaterThan(1);
        byNumber.Should().Equal(walked.Select(i => i.Id), "page numbers read the same order");
        (await county.Queries.ListAsync(filter, county.CountyPath)).Total.Should().Be(matched.Count);
    }

    [DatabaseFact]
    public async Task Search_ShorterThanTheMinimum_IsRefused_WhiteSpaceIsNoSearch()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = await RegisterAsync(county, county.EnterpriseWithGroup);

        var act = () => county.Queries.ListAsync(new CaseFilter { Text = " 张 " }, county.CountyPath);

        await act.Should().ThrowAsync<ArgumentException>();
        (await county.Queries.ListAsync(new CaseFilter { Text = "   " }, county.CountyPath)).Items.Select(i => i.Id).Should().Equal(id);
        CaseQueries.MinTextLength.Should().Be(2);
    }

    private static CaseWorker Worker(string name) => new(name, "330523199001011238", "13812345678", 3000m, 0.5m);

    private static async Task<long> RegisterAsync(ACounty county, long enterprise, string worker = "张三")
    {
        var registration = county.Dispute(enterprise: enterprise) with { Workers = [Worker(worker)] };
        return (await county.Commands.RegisterAsync(registration, county.CountyManager)).Case.Id;
    }

    private static async Task<IReadOnlyList<long>?> IdsAsync(ACounty county, string text, string scopePath, bool allowShort = false)
    {
        try
        {
            var page = await county.Queries.ListAsync(new CaseFilter { Text = text }, scopePath);
            page.SearchTooBroad.Should().BeFalse();
            return [.. page.Items.Select(i => i.Id)];
        }
        catch (ArgumentException) when (allowShort)
        {
            return null;
        }
    }

    private async Task<long> EnterpriseAsync(ACounty county, long unit, string name)
    {
        await using var connection = await Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            Db.Dialect.InsertReturningId("INSERT INTO enterprises (name, unit_id, created_at) VALUES (@Name, @Unit, @Now)"),
            new { Name = name, Unit = unit, Now = TestDatabase.Start });
    }

    private async Task<string> NameOfAsync(long enterprise)
    {
        await using var connection = await Db.OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT name FROM enterprises WHERE id = @Id", new { Id = enterprise }) ?? "";
    }

    private CaseQueries Bounded(ACounty county, int enterprises, int candidates) =>
        new(Db, county.Store, new AuditWriter(Db, county.Clock), new DeadlineCalculator(WorkingCalendar.China(), new TimeLimitOptions()), county.Clock)
        {
            TextEnterpriseLimit = enterprises,
            TextCandidateLimit = candidates,
        };

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
}

public sealed class SqliteCaseTextSearchTests(SqliteTestDatabase fixture) : CaseTextSearchTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerCaseTextSearchTests(SqlServerTestDatabase fixture) : CaseTextSearchTests<SqlServerTestDatabase>(fixture);

/// <summary>
/// SQLite's own plan for a text search: the look-up reads the enterprise, party-name and case-number indexes, each
/// enterprise's cases come out of its urgency index in list order, and no statement scans cases or case_parties.
/// </summary>
public sealed class SqliteCaseTextSearchPlanTests(SqliteTestDatabase fixture) : DatabaseTests<SqliteTestDatabase>(fixture)
{
    [DatabaseFact]
    public async Task TextSearch_ReadsIndexes_NeverScansCasesOrParties()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var registration = county.Dispute() with { Workers = [new CaseWorker("竹木生", "330523199001011238", "13812345678", 3000m, 0.5m)] };
        var id = (await county.Commands.RegisterAsync(registration, county.CountyManager)).Case.Id;
        var number = (await county.Queries.GetAsync(id, county.CountyPath))!.Number;
        var cursor = CaseCursor.After(1, new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), 5);

        await using var connection = await Db.OpenAsync();
        foreach (var (text, open, after) in new[] { ("竹木", true, (CaseCursor?)null), ("竹木", false, cursor), (number, true, null) })
        {
            var filter = new CaseFilter { Text = text, OpenOnly = open, After = after };
            var viewer = new CaseViewer(county.Mediator, county.TownAPath);
            var (filters, args) = county.Queries.ListFilters(filter, viewer, county.Clock.GetUtcNow());
            var search = await county.Queries.SearchTextAsync(connection, filter, viewer, args, default);
            search.Should().NotBeNull();

            var lookup = await PlansAsync(connection, county.Queries.TextLookupSql, args);
            lookup.Should().Contain(p => p.Contains("ix_enterprises_unit_name", StringComparison.Ordinal))
                .And.Contain(p => p.Contains("ix_case_parties_name", StringComparison.Ordinal))
                .And.Contain(p => p.Contains("ux_cases_number", StringComparison.Ordinal));
            lookup.Should().NotContain(p => Scans(p), string.Join(" // ", lookup));

            var branches = await county.Queries.BranchesAsync(connection, filter, viewer, args, search, default);
            branches.Should().NotBeEmpty();

            // The party and number candidates are read once, from their indexes, each case then by its key.
            var bounded = branches.Where(b => b.Bounded).ToList();
            bounded.Should().NotBeEmpty();
            var keys = await PlansAsync(connection, CaseQueries.BoundedKeysSql(bounded, filters), args);
            keys.Should().NotContain(p => Scans(p), $"{text}: {string.Join(" // ", keys)}")
                .And.OnlyContain(p => p.Contains("SEARCH c USING INTEGER PRIMARY KEY", StringComparison.Ordinal), string.Join(" // ", keys));
            keys.Should().Contain(p => p.Contains(text == "竹木" ? "ix_case_parties_name" : "ux_cases_number", StringComparison.Ordinal), string.Join(" // ", keys));

            // Each enterprise's cases come out of its urgency index in list order, segment by segment.
            var walked = branches.Where(b => !b.Bounded).ToList();
            walked.Should().HaveCount(text == "竹木" ? (open ? 1 : 2) : 0);
            foreach (var segment in walked.Count == 0 ? [] : new[] { 0, 1, 4, 7 })
            {
                var sql = county.Queries.SegmentSql(walked, segment, after?.Segment == segment ? after : null, filters, args, 21);
                var plans = await PlansAsync(connection, sql, args);
                plans.Should().NotContain(p => Scans(p), $"{text}, segment {segment}: {string.Join(" // ", plans)}");
                var index = open ? "ix_cases_enterprise_open_urgency" : "ix_cases_enterprise_closed_urgency";
                plans.Should().Contain(p => p.Contains(index, StringComparison.Ordinal), $"{text}, segment {segment}: {string.Join(" // ", plans)}");
            }
        }
    }

    // "SCAN c" / "SCAN cases" read the whole table; a SCAN of a subquery's few rows or of the units is not one.
    private static bool Scans(string plan) =>
        System.Text.RegularExpressions.Regex.IsMatch(plan, @"\bSCAN (c|n|p|cases|case_parties)\b");

    private static async Task<List<string>> PlansAsync(System.Data.Common.DbConnection connection, string sql, DynamicParameters args)
    {
        var plans = new List<string>();
        foreach (var statement in sql.Split(";\n").Select(s => s.Trim().TrimEnd(';')).Where(s => s.Length > 0))
        {
            var rows = await connection.QueryAsync<PlanRow>("EXPLAIN QUERY PLAN " + statement, args);
            plans.Add(string.Join(" | ", rows.Select(r => r.Detail)));
        }

        return plans;
    }

    private sealed class PlanRow
    {
        public long Id { get; init; }
        public long Parent { get; init; }
        public long NotUsed { get; init; }
        public string Detail { get; init; } = "";
    }
}
