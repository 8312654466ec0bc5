using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CaseFlow.Web.Tests.Scheduling;

/// <summary>Keeps what one host logged, with each entry's structured values, for a test to read.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    /// <summary>The entries whose message template is <paramref name="template"/> (compared from its start).</summary>
    public IReadOnlyList<Entry> Where(string template) =>
        [.. Entries.Where(e => e.Template.StartsWith(template, StringComparison.Ordinal))];

    public sealed record Entry(string Category, LogLevel Level, string Template, IReadOnlyDictionary<string, object?> Values)
    {
        /// <summary>The line as a formatter writes it, with the exception's text when there is one.</summary>
        public string Message { get; init; } = "";

        public int Count(string name) => Convert.ToInt32(Values[name], System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            var dictionary = values.ToDictionary(v => v.Key, v => v.Value);
            var template = dictionary.TryGetValue("{OriginalFormat}", out var format) ? format as string ?? "" : formatter(state, exception);
            entries.Enqueue(new Entry(category, logLevel, template, dictionary) { Message = formatter(state, exception) + (exception is null ? "" : "\n" + exception) });
        }
    }
}
