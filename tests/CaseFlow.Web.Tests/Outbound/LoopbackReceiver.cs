using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CaseFlow.Web.Tests.Outbound;

/// <summary>One request as the receiver got it.</summary>
public sealed record Received(int Number, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}

/// <summary>
/// A real HTTP server on loopback (Kestrel on 127.0.0.1, a port of its own) standing in for a county's endpoint or an
/// SMS gateway: it records every request and answers as <see cref="Respond"/> says.
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private LoopbackReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Answers a request; the default is 200 with an empty JSON object.</summary>
    public Func<Received, HttpContext, Task> Respond { get; set; } = (_, http) => http.Response.WriteAsync("{}");

    public string Url { get; private set; } = "";

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app);
        app.Run(async http =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            var received = new Received(
                Interlocked.Increment(ref receiver._count),
                http.Request.Path.Value ?? "",
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray());
            receiver.Requests.Enqueue(received);
            await receiver.Respond(received, http);
        });
        await app.StartAsync();
        receiver.Url = app.Urls.Single().TrimEnd('/');
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
