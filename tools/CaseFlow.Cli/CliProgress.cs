using Spectre.Console;

namespace CaseFlow.Cli;

/// <summary>
/// Progress of long work: a Spectre.Console bar when a person watches the terminal, otherwise plain lines (at most
/// one every few seconds, and the last), so logs and tests read cleanly.
/// </summary>
internal static class CliProgress
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="work"/>, which reports how much of <paramref name="total"/> it has done (and may correct the total).</summary>
    public static async Task<T> RunAsync<T>(CliContext context, string title, long total, Func<ProgressReporter, Task<T>> work)
    {
        if (context.Environment.OutputIsTerminal)
        {
            T result = default!;
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask(title, maxValue: Math.Max(1, total));
                    result = await work(new BarProgress(task));
                    task.Value = task.MaxValue;
                });
            return result;
        }

        var plain = new PlainProgress(context.Output, title, total, context.Environment.Time);
        var value = await work(plain);
        plain.Finish();
        return value;
    }

    /// <summary>Runs work of unknown length under a spinner when a person watches the terminal; silently otherwise.</summary>
    public static async Task<T> StatusAsync<T>(CliContext context, string title, Func<Task<T>> work)
    {
        if (!context.Environment.OutputIsTerminal)
        {
            return await work();
        }

        return await AnsiConsole.Status().StartAsync(title, _ => work());
    }

    private sealed class BarProgress(ProgressTask task) : ProgressReporter
    {
        public override void Report(long value) => task.Value = value;

        public override void SetTotal(long total) => task.MaxValue = Math.Max(1, total);
    }

    private sealed class PlainProgress(TextWriter output, string title, long total, TimeProvider time) : ProgressReporter
    {
        private long _last = -1;
        private long _lastShown = -1;
        private DateTimeOffset _shownAt = DateTimeOffset.MinValue;

        public override void SetTotal(long newTotal) => total = newTotal;

        public override void Report(long value)
        {
            _last = value;
            var now = time.GetUtcNow();
            if (now - _shownAt >= PlainInterval)
            {
                Show(value);
                _shownAt = now;
            }
        }

        public void Finish()
        {
            if (_last >= 0 && _last != _lastShown)
            {
                Show(_last);
            }
        }

        private void Show(long value)
        {
            output.WriteLine($"{title}: {value:N0}/{total:N0}");
            _lastShown = value;
        }
    }
}

/// <summary>Where long work reports how far it has got.</summary>
internal abstract class ProgressReporter : IProgress<long>, IProgress<int>
{
    public abstract void Report(long value);

    /// <summary>For work that learns its size as it goes.</summary>
    public abstract void SetTotal(long total);

    public void Report(int value) => Report((long)value);
}
