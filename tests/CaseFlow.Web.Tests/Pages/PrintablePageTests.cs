using System.Net;
using CaseFlow.Data.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Pages.Cases;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Pages;

public sealed class PrintablePageTests(LadderApp app) : IClassFixture<LadderApp>
{
    private const string IdA = "330523199001011238";
    private const string IdB = "11010519491231002X";

    private async Task<(HttpClient Township, long Id)> AgreedCaseAsync()
    {
        var township = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        var id = await CasesThroughTheApi.RegisterAsync(township, CasesThroughTheApi.Dispute(
            app.Clock.GetUtcNow(), app.Org.Village, ("张三", IdA, "13812345678", 10000m), ("李四", IdB, "13987654321", 5000m)));
        await CasesThroughTheApi.ReachAgreementAsync(app, township, id, 12000m, new DateOnly(2026, 3, 20));
        return (township, id);
    }

    [Fact]
    public async Task TheAgreement_OpensOnlyFromAPost_WithFullNamesNumbersAmountsAndSignatureLines_AndIsAnAuditedReveal()
    {
        var (township, id) = await AgreedCaseAsync();
        var casePage = await township.PageAsync($"/cases/{id}");
        var confirm = await township.PageAsync($"/cases/{id}/agreement");

        casePage.Should().Contain($"href=\"/cases/{id}/agreement\"").And.Contain($"href=\"/cases/{id}/receipt\"");
        confirm.Should().Contain("id=\"open-agreement\"").And.NotContain(IdA, "the GET shows what opening means, not the numbers");
        var before = (await app.AuditRowsAsync("case.reveal")).Count;

        var response = await township.SubmitAsync($"/cases/{id}/agreement", $"/cases/{id}/agreement", []);
        var paper = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        PageClient.TextById(paper, "agreement-paper").Should().StartWith("人民调解协议书");
        paper.Should().Contain(IdA).And.Contain(IdB).And.Contain("13812345678").And.Contain("张三").And.Contain("李四");
        paper.Should().Contain("¥12,000.00").And.Contain("2026-03-20").And.Contain("银行转账");
        paper.Should().Contain("¥8,000.00").And.Contain("¥4,000.00").And.Contain("id=\"pro-rata\"");
        paper.Should().Contain("拖欠三月份工资").And.Contain("class=\"signature-line\"");
        PageClient.TextById(paper, "paper-body").Should().NotBeNullOrWhiteSpace();
        var audit = await app.AuditRowsAsync("case.reveal");
        audit.Should().HaveCount(before + 1);
        audit[^1].Detail.Should().Contain(CaseDocuments.PrintAgreementPurpose).And.Contain("\"workers\":2");
    }

    [Fact]
    public async Task TheAgreement_IsRefusedToARoleThatMayNotReveal_404ForAnotherTown_And404WithoutAnAgreement()
    {
        var (_, id) = await AgreedCaseAsync();
        var auditor = await app.SignInAsync(await app.CreateUserAsync(Roles.Auditor));
        var townB = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownB);
        var townA = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        var open = await CasesThroughTheApi.RegisterAsync(townA, CasesThroughTheApi.Dispute(app.Clock.GetUtcNow(), app.Org.Village, ("赵六", IdA, "13812345678", 100m)));

        (await auditor.GetAsync($"/cases/{id}/agreement")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await townB.GetAsync($"/cases/{id}/agreement")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var posted = await townB.SubmitAsync("/cases", $"/cases/{id}/agreement", []);
        posted.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await posted.Content.ReadAsStringAsync()).Should().NotContain(IdA);
        (await townA.GetAsync($"/cases/{open}/agreement")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheReceipt_HasTheCaseNumber_TheReceiptTime_AndTheFifteenDayRightToArbitrate_WithMaskedNumbersOnly()
    {
        var township = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        var id = await CasesThroughTheApi.RegisterAsync(township, CasesThroughTheApi.Dispute(app.Clock.GetUtcNow(), app.Org.Village, ("张三", IdA, "13812345678", 100m)));

        var html = await township.PageAsync($"/cases/{id}/receipt");

        PageClient.TextById(html, "receipt-case-number").Should().MatchRegex(@"^AJ-2026-\d{6}$");
        PageClient.TextById(html, "receipt-arbitration").Should().Contain("十五日内未达成调解协议的，当事人可以依法申请仲裁").And.Contain("2026-03-17", "day 15 counted from the day after receipt (2026-03-02)");
        PageClient.TextById(html, "receipt-workers").Should().Be("张三");
        html.Should().NotContain(IdA).And.NotContain("13812345678");
        (await (await CasesThroughTheApi.TownshipAsync(app, app.Org.TownB)).GetAsync($"/cases/{id}/receipt")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public void Split_GivesEachWorkerTheirShareInWholeFen_AddingUpToTheTotal()
    {
        var workers = new[] { new AgreementWorker("甲", "", "", 1m, 0), new AgreementWorker("乙", "", "", 1m, 0), new AgreementWorker("丙", "", "", 1m, 0) };

        var shares = AgreementModel.Split(100m, workers);
        var nothingOwed = AgreementModel.Split(10m, [new AgreementWorker("甲", "", "", 0, 0), new AgreementWorker("乙", "", "", 0, 0)]);

        shares.Select(s => s.Agreed).Should().Equal(33.34m, 33.33m, 33.33m);
        shares.Sum(s => s.Agreed).Should().Be(100m);
        nothingOwed.Select(s => s.Agreed).Should().Equal(5m, 5m);
    }
}
