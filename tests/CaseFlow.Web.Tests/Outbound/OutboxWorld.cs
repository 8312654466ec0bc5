using CaseFlow.Data;
using CaseFlow.Data.Cases;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Web.Health;
using CaseFlow.Web.Outbound;
using CaseFlow.Web.Tests.Scheduling;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaseFlow.Web.Tests.Outbound;

/// <summary>
/// A county (code AJ) in a SQLite file, a receiver on loopback, and delivery hosts built from configuration as the web
/// host builds them (<see cref="OutboxSetup.AddCaseFlowOutbox"/>). Each <see cref="NewHost"/> is a node of its own: a
/// second one is a restarted node, or another node beside the first.
/// </summary>
public sealed class OutboxWorld : IAsyncDisposable
{
    public const string Secret = "county-aj-webhook-secret";
    public const string SmsSecret = "sms-gateway-app-secret";

    private readonly List<ServiceProvider> _hosts = [];

    private OutboxWorld(SchedulingHost data, LoopbackReceiver receiver)
    {
        Data = data;
        Receiver = receiver;
        Settings = new Dictionary<string, string?>
        {
            ["Outbox:Webhook:Counties:AJ:Url"] = receiver.Url + "/hook",
            ["Outbox:Webhook:Counties:AJ:Secret"] = Secret,
            // Long enough for a cold loopback receiver on a loaded CI machine; the timeout test sets its own.
            ["Outbox:Webhook:TimeoutSeconds"] = "15",
        };
    }

    public SchedulingHost Data { get; }

    public LoopbackReceiver Receiver { get; }

    public Dictionary<string, string?> Settings { get; }

    public static async Task<OutboxWorld> CreateAsync() => new(await SchedulingHost.CreateAsync(), await LoopbackReceiver.StartAsync());

    /// <summary>A node's delivery services on the world's database and clock.</summary>
    public ServiceProvider NewHost()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Critical));
        services.AddSingleton<TimeProvider>(Data.Clock);
        services.AddSingleton(Data.Db);
        services.AddCaseFlowOutbox(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());
        var host = services.BuildServiceProvider();
        _hosts.Add(host);
        return host;
    }

    public static OutboxDelivery Delivery(IServiceProvider host) => host.GetRequiredService<OutboxDelivery>();

    public static IOutboxHealth Health(IServiceProvider host) => host.GetRequiredService<IOutboxHealth>();

    /// <summary>A red dispute (collective action): the county, its contacts by text message, and level 3's inbox are told.</summary>
    public async Task<long> RegisterRedAsync()
    {
        var registration = new CaseRegistration
        {
            Channel = Channel.WalkIn,
            ReceivedAt = Data.Clock.GetUtcNow(),
            Enterprise = new EnterpriseRef(Data.Enterprise, null, null, null),
            Workers = [new CaseWorker("王五", "330523199001011238", "13812345678", 9000m, 1m)],
            Signals = RiskSignals.CollectiveAction,
        };
        return (await Data.Commands.RegisterAsync(registration, new CaseActor(null, "clerk", Data.CountyPath))).Case.Id;
    }

    public async Task AddContactsAsync(params string[] phones)
    {
        await using var connection = await Data.Db.OpenAsync();
        var county = await connection.ExecuteScalarAsync<long>("SELECT id FROM org_units WHERE code = 'AJ'");
        foreach (var (phone, i) in phones.Select((p, i) => (p, i)))
        {
            await connection.ExecuteAsync(
                "INSERT INTO county_contacts (county_id, party_kind, organisation, name, phone, created_at) VALUES (@County, 'hrss', '县人力社保局', @Name, @Phone, @Now)",
                new { County = county, Name = $"联系人{i}", Phone = phone, Now = SchedulingHost.Start });
        }
    }

    public async Task<IReadOnlyList<Row>> RowsAsync()
    {
        await using var connection = await Data.Db.OpenAsync();
        return (await connection.QueryAsync<Row>("""
            SELECT id AS Id, channel AS Channel, recipient AS Recipient, notice_kind AS NoticeKind, status AS Status, attempts AS Attempts,
                   next_attempt_at AS NextAttemptAt, claim_token AS ClaimToken, last_error AS LastError, delivered_at AS DeliveredAt
            FROM outbox_messages ORDER BY id
            """)).AsList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await Receiver.DisposeAsync();
        await Data.DisposeAsync();
    }

    public sealed class Row
    {
        public long Id { get; init; }
        public string Channel { get; init; } = "";
        public string Recipient { get; init; } = "";
        public string NoticeKind { get; init; } = "";
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset? NextAttemptAt { get; init; }
        public string? ClaimToken { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset? DeliveredAt { get; init; }
    }
}
