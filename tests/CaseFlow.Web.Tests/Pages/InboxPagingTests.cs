using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Cases;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Pages;

/// <summary>The inbox page in pages of <see cref="Web.Pages.Inbox.IndexModel.PageSize"/>, on a database of its own (it counts the town's cases).</summary>
public sealed partial class InboxPagingTests(CaseApiApp app) : IClassFixture<CaseApiApp>
{
    private const int Cases = 25;

    [Fact]
    public async Task ATownWithMoreCasesThanAPage_PagesTheInbox_AndAcceptingFromPageTwoComesBackToIt()
    {
        var township = await app.SignInAsync(await app.CreateUserAsync(Roles.Township, app.Org.TownA));
        await app.CreateUserAsync(Roles.Mediator, app.Org.TownA, displayName: "分页调解员");
        var registered = new List<long>();
        for (var i = 0; i < Cases; i++)
        {
            var response = await township.SubmitAsync("/cases/new", "/cases/new", DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()).Red().Fields);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
            registered.Add(long.Parse(CaseId().Match(response.Headers.Location!.ToString()).Groups[1].Value, CultureInfo.InvariantCulture));
        }

        var first = await township.PageAsync("/inbox");
        var second = await township.PageAsync("/inbox?page=2");
        var beyond = await township.PageAsync("/inbox?page=9");
        var nonsense = await township.PageAsync("/inbox?page=-3");

        var firstRows = Rows(first);
        var secondRows = Rows(second);
        firstRows.Should().HaveCount(20);
        secondRows.Should().HaveCount(Cases - 20);
        firstRows.Concat(secondRows).Should().BeEquivalentTo(registered, "every case is on exactly one page");
        PageClient.TextById(first, "inbox-total").Should().Be($"共 {Cases} 件，显示第 1–20 件。");
        PageClient.TextById(second, "inbox-total").Should().Be($"共 {Cases} 件，显示第 21–{Cases} 件。");
        PageClient.TextById(first, "inbox-count").Should().Be(Cases.ToString(CultureInfo.InvariantCulture), "the header counts the whole inbox, not the page");
        first.Should().Contain("id=\"next-page\" href=\"/inbox?page=2\"").And.NotContain("id=\"previous-page\"");
        second.Should().Contain("id=\"previous-page\" href=\"/inbox\"").And.NotContain("id=\"next-page\"");
        Rows(beyond).Should().Equal(secondRows, "a page past the last shows the last");
        Rows(nonsense).Should().Equal(firstRows);

        var mediatorId = Regex.Match(second, "<option value=\"(\\d+)\">分页调解员").Groups[1].Value;
        var accept = await township.SubmitAsync("/inbox?page=2", "/inbox?handler=Accept",
            [new("id", secondRows[0].ToString(CultureInfo.InvariantCulture)), new("version", "1"), new("mediatorId", mediatorId), new("page", "2")]);

        accept.StatusCode.Should().Be(HttpStatusCode.Redirect);
        accept.Headers.Location!.ToString().Should().StartWith("/inbox?page=2&accepted=");
        Rows(await township.PageAsync("/inbox?page=2")).Should().Equal(secondRows.Skip(1));
    }

    private static List<long> Rows(string html) =>
        [.. RowId().Matches(html[html.IndexOf("<table id=\"inbox\"", StringComparison.Ordinal)..]).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"<tr data-case-id=""(\d+)""")]
    private static partial Regex RowId();

    [GeneratedRegex(@"^/cases/(\d+)")]
    private static partial Regex CaseId();
}
