using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Partners;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Grading;
using Dapper;

namespace CaseFlow.Data.Tests.Cases;

/// <summary>Sharing cases with partner organisations: by graded response and by hand, notes, withdrawal.</summary>
public abstract class CaseSharingTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private async Task<(ACounty County, PartnerStore Partners, long Hrss, long PoliticalLegal, long Arbitration)> CountyWithPartnersAsync()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var partners = new PartnerStore(Fixture.Database, new AuditWriter(Fixture.Database, Fixture.Clock), Fixture.Clock);
        var ids = await Fixture.Database.InTransactionAsync(async (c, t) => (
            await partners.InsertOrgAsync(c, t, new NewPartnerOrg(county.County, "hrss", $"人社局{county.Code}")),
            await partners.InsertOrgAsync(c, t, new NewPartnerOrg(county.County, "political_legal", $"政法委{county.Code}")),
            await partners.InsertOrgAsync(c, t, new NewPartnerOrg(county.County, "arbitration", $"仲裁院{county.Code}"))));
        return (county, partners, ids.Item1, ids.Item2, ids.Item3);
    }

    [DatabaseFact]
    public async Task Register_ARedCase_IsSharedWithHrssAndPoliticalLegal_AnOrangeOneWithHrss_AYellowOneWithNobody()
    {
        var (county, _, hrss, politicalLegal, arbitration) = await CountyWithPartnersAsync();

        var red = (await county.Commands.RegisterAsync(county.Dispute(signals: RiskSignals.EmployerAbsconded), county.CountyManager)).Case.Id;
        var orange = (await county.Commands.RegisterAsync(county.Dispute(months: 1.5m), county.CountyManager)).Case.Id;
        var yellow = (await county.Commands.RegisterAsync(county.Dispute(), county.CountyManager)).Case.Id;

        (await county.Queries.GetAsync(red, county.CountyPath))!.Shares.Select(s => s.PartnerOrgId).Should().BeEquivalentTo([hrss, politicalLegal]);
        (await county.Queries.GetAsync(orange, county.CountyPath))!.Shares.Select(s => s.PartnerOrgId).Should().Equal(hrss);
        (await county.Queries.GetAsync(yellow, county.CountyPath))!.Shares.Should().BeEmpty();
        var asHrss = new CaseViewer(county.Mediator, county.CountyPath, hrss);
        (await county.Queries.ListAsync(new CaseFilter(), asHrss)).Items.Select(i => i.Id).Should().BeEquivalentTo([red, orange]);
        (await county.Queries.GetAsync(yellow, asHrss)).Should().BeNull();
        (await county.Queries.ListAsync(new CaseFilter(), new CaseViewer(county.Mediator, county.CountyPath, arbitration))).Total.Should().Be(0);
        (await county.Queries.GetAsync(red, county.CountyPath))!.Activities.Should().HaveCount(2).And.OnlyContain(a => a.Kind == "share");
    }

    [DatabaseFact]
    public async Task Share_ByHand_LetsThePartnerReadAndNote_UntilItIsWithdrawn()
    {
        var (county, partners, _, _, arbitration) = await CountyWithPartnersAsync();
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.CountyManager)).Case.Id;
        var partner = new CaseActor(county.Mediator, "arbitration", county.CountyPath) { PartnerOrgId = arbitration };

        (await partners.ShareAsync(id, arbitration, "请仲裁院提前介入", county.CountyManager)).Should().Be(ShareOutcome.Done);
        (await partners.ShareAsync(id, arbitration, "再次", county.CountyManager)).Should().Be(ShareOutcome.Unchanged);
        (await county.Queries.GetAsync(id, partner.Viewer))!.Access.Should().Be(CaseAccess.Partner);
        await partners.AddNoteAsync(id, "已了解案情，可随时受理", partner);
        (await partners.WithdrawAsync(id, arbitration, "已调解成功", county.CountyManager)).Should().Be(ShareOutcome.Done);

        (await county.Queries.GetAsync(id, partner.Viewer)).Should().BeNull();
        var note = () => partners.AddNoteAsync(id, "再补充", partner);
        await note.Should().ThrowAsync<CaseNotFoundException>();
        (await county.Queries.GetAsync(id, county.CountyPath))!.Activities.Select(a => a.Kind).Should().Equal("share", "note", "unshare");
    }

    [DatabaseFact]
    public async Task Share_FromAnotherTown_IsRefusedAsNotFound()
    {
        var (county, partners, _, _, arbitration) = await CountyWithPartnersAsync();
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.CountyManager)).Case.Id;

        var share = () => partners.ShareAsync(id, arbitration, "越权共享", county.TownBUser with { UserId = null });

        await share.Should().ThrowAsync<CaseNotFoundException>();
        await using var connection = await Fixture.Database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM case_shares")).Should().Be(0);
    }
}

public sealed class SqliteCaseSharingTests(SqliteTestDatabase fixture) : CaseSharingTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerCaseSharingTests(SqlServerTestDatabase fixture) : CaseSharingTests<SqlServerTestDatabase>(fixture);
