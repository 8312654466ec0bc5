using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Infrastructure;

/// <summary>A test host whose county has the Anji ladder, so registered cases are graded and routed.</summary>
public class LadderApp : CaseFlowApp
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var orgs = Services.GetRequiredService<OrgStore>();
        await Database.InTransactionAsync((c, t) => orgs.SaveLadderAsync(c, t, Org.County, MediationLadder.Anji));
    }
}

/// <summary>Cases made the way a client makes them: registered, accepted and carried to an agreement through the API.</summary>
public static class CasesThroughTheApi
{
    public static object Dispute(DateTimeOffset receivedAt, long unitId, params (string Name, string IdNumber, string Phone, decimal Owed)[] workers) => new
    {
        channel = "walkIn",
        receivedAt = receivedAt.AddHours(-1),
        enterprise = new { name = "安吉某竹木制品有限公司", creditCode = "91350100M000100Y43", unitId },
        workers = workers.Select(w => new { name = w.Name, idNumber = w.IdNumber, phone = w.Phone, amountOwed = w.Owed, monthsOwed = 0.5m }).ToArray(),
        claimTypes = new[] { "wageArrears" },
        description = "拖欠三月份工资",
        signals = new { employerAbsconded = false, productionStopped = false, collectiveAction = false, orderToPayIgnored = false },
    };

    /// <summary>A township client of <paramref name="unitId"/> with its CSRF header set.</summary>
    public static async Task<HttpClient> TownshipAsync(CaseFlowApp app, long unitId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = await app.SignInAsync(await app.CreateUserAsync(Roles.Township, unitId));
        await client.UseCsrfTokenAsync();
        return client;
    }

    /// <returns>The new case's id.</returns>
    public static async Task<long> RegisterAsync(HttpClient client, object dispute)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/api/v1/cases", dispute);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>Accepts the case (assigning a new mediator of the village), records a session and signs an agreement.</summary>
    public static async Task ReachAgreementAsync(CaseFlowApp app, HttpClient township, long id, decimal amount, DateOnly payBy)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(township);
        var mediator = await app.CreateUserAsync(Roles.Mediator, app.Org.Village, "调解员甲");
        var mediatorId = (await (await app.SignInAsync(mediator)).GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetInt64();
        var version = await ActAsync(township, id, "accept", new { mediatorId }, await VersionAsync(township, id));
        version = await ActAsync(township, id, "recordSession", new { session = new { summary = "第一次调解，双方到场" } }, version);
        await ActAsync(township, id, "reachAgreement", new
        {
            agreement = new { amount, paymentDueDate = payBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), method = "银行转账" },
        }, version);
    }

    private static async Task<int> VersionAsync(HttpClient client, long id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}")).GetProperty("version").GetInt32();

    /// <returns>The case's version after the action.</returns>
    private static async Task<int> ActAsync(HttpClient client, long id, string action, object body, int version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/actions/{action}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, "{0}: {1}", action, await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture);
    }
}
