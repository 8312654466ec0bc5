using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaseFlow.Web.Outbound;
using Microsoft.AspNetCore.Http;

namespace CaseFlow.Web.Tests.Outbound;

/// <summary>Delivery against a real HTTP listener on loopback: what arrives, how failures are retried, and that nothing arrives twice.</summary>
public sealed class OutboxDeliveryTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(new OutboxOptions().LeaseSeconds);

    [Fact]
    public async Task Webhook_ToAnEndpointThatAnswers_IsDeliveredOnce_SignedAndKeyedByTheOutboxId()
    {
        await using var world = await OutboxWorld.CreateAsync();
        var caseId = await world.Data.RegisterAsync(daysAgo: 0);
        var delivery = OutboxWorld.Delivery(world.NewHost());

        var pass = await delivery.RunOnceAsync();

        var row = (await world.RowsAsync()).Should().ContainSingle().Subject;
        var got = world.Receiver.Requests.Should().ContainSingle().Subject;
        (pass.Claimed, pass.Delivered).Should().Be((1, 1));
        (row.Status, row.Attempts, row.DeliveredAt, row.ClaimToken).Should().Be(("delivered", 1, world.Data.Clock.GetUtcNow(), (string?)null));
        got.Path.Should().Be("/hook");
        got.Header("Idempotency-Key").Should().Be(row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        got.Header("Content-Type").Should().StartWith("application/json");
        got.Header("X-CaseFlow-Timestamp").Should().Be(world.Data.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        got.Header("X-CaseFlow-Signature").Should().Be("sha256=" + ReceiverSignature(OutboxWorld.Secret, got.Header("X-CaseFlow-Timestamp"), got.Body),
            "a receiver holding the county's secret can check the body it got");
        using var body = JsonDocument.Parse(got.Body);
        body.RootElement.GetProperty("id").GetInt64().Should().Be(row.Id);
        body.RootElement.GetProperty("county").GetString().Should().Be("AJ");
        body.RootElement.GetProperty("kind").GetString().Should().Be("case_received");
        body.RootElement.GetProperty("notice").GetProperty("caseId").GetInt64().Should().Be(caseId);
        body.RootElement.GetProperty("notice").GetProperty("text").GetString().Should().Contain("待受理");
    }

    [Fact]
    public void Signature_OfAChangedBody_DoesNotVerify()
    {
        var body = "{\"id\":1}"u8.ToArray();
        var signed = OutboundSignature.Compute(OutboxWorld.Secret, "1764547200", body);

        signed.Should().Be(ReceiverSignature(OutboxWorld.Secret, "1764547200", body));
        ReceiverSignature(OutboxWorld.Secret, "1764547200", "{\"id\":2}"u8.ToArray()).Should().NotBe(signed);
        ReceiverSignature(OutboxWorld.Secret, "1764547201", body).Should().NotBe(signed, "the timestamp is signed too, so a replay cannot restamp it");
    }

    [Fact]
    public async Task Webhook_Answering500_IsRetriedAfterTheBackoff_ThenDelivered_UnderTheSameKey()
    {
        await using var world = await OutboxWorld.CreateAsync();
        await world.Data.RegisterAsync(daysAgo: 0);
        world.Receiver.Respond = (r, http) =>
        {
            http.Response.StatusCode = r.Number == 1 ? 500 : 200;
            return http.Response.WriteAsync(r.Number == 1 ? "database is down" : "{}");
        };
        var delivery = OutboxWorld.Delivery(world.NewHost());
        var t0 = world.Data.Clock.GetUtcNow();

        var first = await delivery.RunOnceAsync();
        var afterFailure = (await world.RowsAsync()).Single();
        world.Data.Clock.Advance(TimeSpan.FromSeconds(29));
        var tooEarly = await delivery.RunOnceAsync();
        world.Data.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await delivery.RunOnceAsync();

        (first.Retried, tooEarly.Claimed, second.Delivered).Should().Be((1, 0, 1));
        (afterFailure.Status, afterFailure.Attempts).Should().Be(("pending", 1));
        afterFailure.LastError.Should().Be("HTTP 500 Internal Server Error: database is down");
        afterFailure.NextAttemptAt.Should().Be(t0 + TimeSpan.FromSeconds(30), "the first retry waits 30 s");
        var row = (await world.RowsAsync()).Single();
        (row.Status, row.Attempts).Should().Be(("delivered", 2));
        world.Receiver.Requests.Select(r => r.Header("Idempotency-Key")).Distinct().Should().ContainSingle("both attempts carry the one outbox id");
    }

    [Fact]
    public async Task Webhook_ThatDoesNotAnswerInTime_IsRetried_WithTheTimeoutAsItsError()
    {
        await using var world = await OutboxWorld.CreateAsync();
        world.Settings["Outbox:Webhook:TimeoutSeconds"] = "1";
        await world.Data.RegisterAsync(daysAgo: 0);
        world.Receiver.Respond = async (r, http) =>
        {
            if (r.Number == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            await http.Response.WriteAsync("{}");
        };
        var delivery = OutboxWorld.Delivery(world.NewHost());

        var started = System.Diagnostics.Stopwatch.StartNew();
        var first = await delivery.RunOnceAsync();
        var waited = started.Elapsed;
        var afterTimeout = (await world.RowsAsync()).Single();
        world.Data.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = await delivery.RunOnceAsync();

        first.Retried.Should().Be(1);
        waited.Should().BeLessThan(TimeSpan.FromSeconds(4), "the channel gives up after its own timeout");
        (afterTimeout.Status, afterTimeout.LastError).Should().Be(("pending", "no answer within 1 s (timed out)"));
        second.Delivered.Should().Be(1);
        (await world.RowsAsync()).Single().Status.Should().Be("delivered");
    }

    [Fact]
    public async Task Webhook_FailingEveryTime_EndsFailedAfterTheLastAttempt_WithTheLastError_AndIsNotSentAgain()
    {
        await using var world = await OutboxWorld.CreateAsync();
        world.Settings["Outbox:MaxAttempts"] = "3";
        await world.Data.RegisterAsync(daysAgo: 0);
        world.Receiver.Respond = (r, http) =>
        {
            http.Response.StatusCode = 503;
            return http.Response.WriteAsync($"busy {r.Number}");
        };
        var delivery = OutboxWorld.Delivery(world.NewHost());

        var passes = new List<DeliveryPass>();
        for (var run = 0; run < 5; run++)
        {
            passes.Add(await delivery.RunOnceAsync());
            world.Data.Clock.Advance(TimeSpan.FromHours(1));
        }

        passes.Select(p => (p.Retried, p.Failed)).Should().Equal((1, 0), (1, 0), (0, 1), (0, 0), (0, 0));
        world.Receiver.Requests.Should().HaveCount(3);
        var row = (await world.RowsAsync()).Single();
        (row.Status, row.Attempts, row.LastError, row.NextAttemptAt).Should().Be(("failed", 3, "HTTP 503 Service Unavailable: busy 3", (DateTimeOffset?)null));
    }

    [Fact]
    public async Task Webhook_ToACountyWithNothingConfigured_FailsAtOnce_NamingTheSetting()
    {
        await using var world = await OutboxWorld.CreateAsync();
        world.Settings.Remove("Outbox:Webhook:Counties:AJ:Url");
        world.Settings.Remove("Outbox:Webhook:Counties:AJ:Secret");
        await world.Data.RegisterAsync(daysAgo: 0);

        var pass = await OutboxWorld.Delivery(world.NewHost()).RunOnceAsync();

        pass.Failed.Should().Be(1);
        var row = (await world.RowsAsync()).Single();
        (row.Status, row.Attempts).Should().Be(("failed", 1));
        row.LastError.Should().Contain("Outbox:Webhook:Counties:AJ:Url");
        world.Receiver.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Webhook_Answering404_IsNotRetried()
    {
        await using var world = await OutboxWorld.CreateAsync();
        await world.Data.RegisterAsync(daysAgo: 0);
        world.Receiver.Respond = (_, http) =>
        {
            http.Response.StatusCode = 404;
            return Task.CompletedTask;
        };

        await OutboxWorld.Delivery(world.NewHost()).RunOnceAsync();

        (await world.RowsAsync()).Single().Should().Match<OutboxWorld.Row>(r => r.Status == "failed" && r.LastError == "HTTP 404 Not Found");
    }

    /// <summary>
    /// The host stops after the receiver got the message and before the row was marked: the row stays claimed; once
    /// the lease runs out the restarted host sends it again under the same Idempotency-Key, and a receiver that keeps
    /// the keys it has seen acts on it once. Once marked delivered, nothing sends it again.
    /// </summary>
    [Fact]
    public async Task AHostStoppedMidDelivery_LeavesTheMessageToTheNextHostAfterTheLease_UnderTheSameKey_AndADeliveredRowIsNeverResent()
    {
        await using var world = await OutboxWorld.CreateAsync();
        await world.Data.RegisterAsync(daysAgo: 0);
        var seen = new HashSet<string>();
        var actedOn = 0;
        var gotIt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        world.Receiver.Respond = async (r, http) =>
        {
            lock (seen)
            {
                // A receiver's dedupe: the first message under a key is acted on, a repeat only acknowledged.
                if (seen.Add(r.Header("Idempotency-Key")))
                {
                    actedOn++;
                }
            }

            if (r.Number == 1)
            {
                gotIt.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await http.Response.WriteAsync("{}");
        };

        var stopping = new CancellationTokenSource();
        var firstHost = world.NewHost();
        var run = OutboxWorld.Delivery(firstHost).RunOnceAsync(stopping.Token);
        await gotIt.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stopping.CancelAsync();
        var stop = async () => await run;
        await stop.Should().ThrowAsync<OperationCanceledException>();
        await firstHost.DisposeAsync();
        var leftBehind = (await world.RowsAsync()).Single();

        var restarted = OutboxWorld.Delivery(world.NewHost());
        var beforeTheLeaseEnds = await restarted.RunOnceAsync();
        world.Data.Clock.Advance(Lease);
        var afterTheLease = await restarted.RunOnceAsync();
        world.Data.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await OutboxWorld.Delivery(world.NewHost()).RunOnceAsync();

        (leftBehind.Status, leftBehind.Attempts, leftBehind.ClaimToken is null).Should().Be(("pending", 1, false), "the stopped host's claim holds it");
        beforeTheLeaseEnds.Claimed.Should().Be(0, "no one sends a message another host may still be sending");
        afterTheLease.Delivered.Should().Be(1);
        nextDay.Claimed.Should().Be(0, "a delivered row is never claimed again");
        world.Receiver.Requests.Should().HaveCount(2);
        world.Receiver.Requests.Select(r => r.Header("Idempotency-Key")).Distinct().Should().ContainSingle();
        actedOn.Should().Be(1, "the receiver acted on the message once");
        (await world.RowsAsync()).Single().Should().Match<OutboxWorld.Row>(r => r.Status == "delivered" && r.Attempts == 2);
    }

    [Fact]
    public async Task TwoHostsDeliveringAtOnce_SendEachMessageExactlyOnce()
    {
        await using var world = await OutboxWorld.CreateAsync();
        await world.Data.RegisterManyAsync(40, daysAgo: 0);
        world.Receiver.Respond = async (_, http) =>
        {
            await Task.Delay(20);
            await http.Response.WriteAsync("{}");
        };
        var (a, b) = (OutboxWorld.Delivery(world.NewHost()), OutboxWorld.Delivery(world.NewHost()));

        var passes = await Task.WhenAll(a.RunOnceAsync(), b.RunOnceAsync(), a.RunOnceAsync(), b.RunOnceAsync());

        passes.Sum(p => p.Delivered).Should().Be(40);
        world.Receiver.Requests.Should().HaveCount(40);
        world.Receiver.Requests.Select(r => r.Header("Idempotency-Key")).Should().OnlyHaveUniqueItems();
        (await world.RowsAsync()).Should().OnlyContain(r => r.Status == "delivered" && r.Attempts == 1);
    }

    [Fact]
    public async Task Sms_ToALocalFakeGateway_SendsEachContactTheTemplateWithItsParameters_Signed()
    {
        await using var world = await OutboxWorld.CreateAsync();
        ConfigureSms(world);
        await world.AddContactsAsync("13900000001", "13900000002");
        var caseId = await world.RegisterRedAsync();
        world.Receiver.Respond = (r, http) => http.Response.WriteAsync(r.Path == "/sms" ? """{"code":"OK","message":"OK","bizId":"900"}""" : "{}");

        var pass = await OutboxWorld.Delivery(world.NewHost()).RunOnceAsync();

        var rows = await world.RowsAsync();
        rows.Should().OnlyContain(r => r.Status == "delivered");
        rows.Where(r => r.Channel == "sms").Select(r => r.Recipient).Should().BeEquivalentTo(["13900000001", "13900000002"]);
        pass.Delivered.Should().Be(rows.Count);
        var texts = world.Receiver.Requests.Where(r => r.Path == "/sms").ToList();
        texts.Should().HaveCount(2);
        foreach (var sms in texts)
        {
            sms.Header("X-Sms-Signature").Should().Be(ReceiverSignature(OutboxWorld.SmsSecret, sms.Header("X-Sms-Timestamp"), sms.Body));
            using var body = JsonDocument.Parse(sms.Body);
            var json = body.RootElement;
            (json.GetProperty("appKey").GetString(), json.GetProperty("signName").GetString(), json.GetProperty("templateId").GetString())
                .Should().Be(("caseflow-aj", "安吉县总工会", "SMS_RED_0001"));
            json.GetProperty("templateParams").GetProperty("text").GetString().Should().Contain("红色预警");
            json.GetProperty("templateParams").GetProperty("case").GetString().Should().Be(caseId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.GetProperty("outId").GetString().Should().BeOneOf(rows.Where(r => r.Channel == "sms").Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        texts.Select(t => JsonDocument.Parse(t.Body).RootElement.GetProperty("phoneNumbers")[0].GetString())
            .Should().BeEquivalentTo(["13900000001", "13900000002"]);
        world.Receiver.Requests.Where(r => r.Path == "/hook").Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("kind").GetString())
            .Should().BeEquivalentTo(["red_alert", "case_received"], "the county's platform hears of the red case, and of the case arriving at level 3");
    }

    [Fact]
    public async Task Sms_TheGatewayRefusingWithItsOwnCode_IsRetried_WithThatCode()
    {
        await using var world = await OutboxWorld.CreateAsync();
        ConfigureSms(world);
        await world.AddContactsAsync("13900000001");
        await world.RegisterRedAsync();
        world.Receiver.Respond = (r, http) => http.Response.WriteAsync(
            r.Path == "/sms" ? """{"code":"isv.BUSINESS_LIMIT_CONTROL","message":"触发流控"}""" : "{}");

        await OutboxWorld.Delivery(world.NewHost()).RunOnceAsync();

        var sms = (await world.RowsAsync()).Single(r => r.Channel == "sms");
        (sms.Status, sms.LastError).Should().Be(("pending", "gateway code isv.BUSINESS_LIMIT_CONTROL: 触发流控"));
    }

    [Fact]
    public void Options_ThatCannotWork_AreRefusedAtStart_NamingEachSetting()
    {
        var options = new OutboxOptions { LeaseSeconds = 5, MaxAttempts = 0 };
        options.Webhook.Counties["AJ"] = new WebhookEndpoint { Url = "ftp://example", Secret = "short" };
        options.Sms.Url = "https://sms.example.cn/send";

        options.Validate().Should().BeEquivalentTo(
            "Outbox:MaxAttempts must be between 1 and 100 (was 0).",
            "Outbox:LeaseSeconds must be at least twice the longest channel timeout (20; was 5).",
            "Outbox:Webhook:Counties:AJ:Url must be an absolute http or https URL (was 'ftp://example').",
            "Outbox:Webhook:Counties:AJ:Secret must be at least 16 characters.",
            "Outbox:Sms:AppKey is required with Sms:Url.",
            "Outbox:Sms:Secret must be at least 16 characters with Sms:Url.",
            "Outbox:Sms:SignName (the registered SMS signature) is required with Sms:Url.");
        new OutboxOptions().Validate().Should().BeEmpty();
    }

    [Fact]
    public void Backoff_DoublesFromThirtySeconds_UpToTheCap()
    {
        var options = new OutboxOptions();

        Enumerable.Range(1, 9).Select(options.RetryDelayAfter).Select(d => d.TotalSeconds)
            .Should().Equal(30, 60, 120, 240, 480, 960, 1920, 3600, 3600);
    }

    private static void ConfigureSms(OutboxWorld world)
    {
        world.Settings["Outbox:Sms:Url"] = world.Receiver.Url + "/sms";
        world.Settings["Outbox:Sms:AppKey"] = "caseflow-aj";
        world.Settings["Outbox:Sms:Secret"] = OutboxWorld.SmsSecret;
        world.Settings["Outbox:Sms:SignName"] = "安吉县总工会";
        world.Settings["Outbox:Sms:Templates:party_alert"] = "SMS_RED_0001";
    }

    /// <summary>What a receiver computes from the secret, the timestamp header and the raw body it got.</summary>
    private static string ReceiverSignature(string secret, string timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)).ToLowerInvariant();
    }
}
