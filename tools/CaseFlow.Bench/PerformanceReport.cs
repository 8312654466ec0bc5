using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CaseFlow.Bench;

/// <summary>A run's bench-results.json, read back.</summary>
public sealed record BenchResults(JsonElement Machine, IReadOnlyList<Result> Results)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static BenchResults Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var results = root.GetProperty("results").Deserialize<List<Result>>(Json)
            ?? throw new InvalidOperationException("bench-results.json has no results.");
        return new BenchResults(root.GetProperty("machine").Clone(), results);
    }
}

/// <summary>
/// docs/PERFORMANCE.md from a run: a template (docs/PERFORMANCE.template.md) whose prose keeps its words while every
/// number comes from the run's bench-results.json, so the document cannot say what the run did not measure.
/// <list type="bullet">
/// <item><c>{{machine}}</c>, <c>{{command}}</c>, <c>{{mode}}</c>: when, where and how the run was made.</item>
/// <item><c>{{table}}</c>: every row, its goal and "met", "**not met**" or "**FAILED**"; <c>{{http}}</c>: the M7 rows' wrk figures.</item>
/// <item><c>{{missed}}</c>: each row whose goal is not met or that failed, with the reason from the template's
/// <c>&lt;!-- reason ID --&gt; … &lt;!-- /reason --&gt;</c> block for it (the longest ID that starts its key or name),
/// or a line saying that no reason is written yet. The blocks themselves are not printed.</item>
/// <item><c>{{ID|field}}</c>: one figure of the row whose key or name starts with ID (min, median, max, unit, ratio,
/// goal, status, note, failure; rps, p50, p95, p99, requests, timeouts, errors for M7 rows). A row the run did not
/// make reads "not measured in this run".</item>
/// </list>
/// </summary>
public static partial class PerformanceReport
{
    public const string NotMeasured = "not measured in this run";

    public static string Render(string template, BenchResults run)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(run);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        template = ReasonBlock().Replace(template, m =>
        {
            reasons[m.Groups["id"].Value.Trim()] = m.Groups["text"].Value.Trim();
            return "";
        });

        // A reason may quote figures of the run ({{ID|field}}); nothing else expands inside it.
        foreach (var id in reasons.Keys.ToList())
        {
            reasons[id] = Placeholder().Replace(reasons[id], m => m.Groups["field"].Success
                ? Figure(Find(run.Results, m.Groups["name"].Value.Trim()), m.Groups["field"].Value.Trim(), m.Groups["name"].Value.Trim())
                : throw new FormatException($"A reason quotes figures only ({{{{ID|field}}}}), not {{{{{m.Groups["name"].Value.Trim()}}}}}."));
        }

        return Placeholder().Replace(template, m =>
        {
            var name = m.Groups["name"].Value.Trim();
            var field = m.Groups["field"].Success ? m.Groups["field"].Value.Trim() : null;
            return (name, field) switch
            {
                ("table", null) => Table(run.Results),
                ("http", null) => HttpTable(run.Results),
                ("missed", null) => Missed(run.Results, reasons),
                ("machine", null) => Machine(run.Machine),
                ("mode", null) => Mode(run.Machine),
                ("command", null) => Mode(run.Machine) == "quick"
                    ? "dotnet run -c Release --project tools/CaseFlow.Bench -- --quick --out DIR"
                    : "dotnet run -c Release --project tools/CaseFlow.Bench -- --out DIR",
                (_, null) => throw new FormatException($"Unknown placeholder {{{{{name}}}}}: use table, http, missed, machine, mode, command or ID|field."),
                _ => Figure(Find(run.Results, name), field, name),
            };
        });
    }

    /// <summary>"met", "**not met**", "**FAILED**", or empty for a row without a goal.</summary>
    public static string StatusCell(Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            "FAILED" => "**FAILED**",
            "not met" => "**not met**",
            "met" => "met",
            _ => "",
        };
    }

    /// <summary>A number as the tables print it: thousands separated from 1,000 up, else up to three decimals.</summary>
    public static string Number(double value) => Math.Abs(value) >= 1000
        ? value.ToString("#,##0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Table(IReadOnlyList<Result> results)
    {
        var table = new StringBuilder();
        table.AppendLine("| measurement | min | median | max | unit | ratio | goal | |");
        table.Append("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var goal = r.Failure is null ? r.Goal : $"{r.Goal}; failed: {r.Failure}";
            table.Append('\n').Append(CultureInfo.InvariantCulture,
                $"| {Cell(r.Name)} | {Number(r.Min)} | {Number(r.Median)} | {Number(r.Max)} | {r.Unit} | {(r.Ratio is { } ratio ? $"{ratio.ToString("0.00", CultureInfo.InvariantCulture)} × {r.Baseline}" : "")} | {Cell(goal ?? "")} | {StatusCell(r)} |");
        }

        return table.ToString();
    }

    private static string HttpTable(IReadOnlyList<Result> results)
    {
        var rows = results.Where(r => r.Http is not null).ToList();
        if (rows.Count == 0)
        {
            return $"_M7 was {NotMeasured}._";
        }

        var table = new StringBuilder();
        table.AppendLine("| page | as | req/s | p50 ms | p95 ms | p99 ms | answered | timed out | not 2xx | socket errors | |");
        table.Append("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var h = r.Http!;
            table.Append('\n').Append(CultureInfo.InvariantCulture,
                $"| {Cell(PageName(r))} | {h.Role} | {Number(h.RequestsPerSecond)} | {Number(h.P50Ms)} | {Number(h.P95Ms)} | {Number(h.P99Ms)} | {h.Requests:N0} | {h.Timeouts:N0} | {h.Non2xx:N0} | {h.SocketErrors:N0} | {StatusCell(r)} |");
        }

        return table.ToString();
    }

    private static string Missed(IReadOnlyList<Result> results, IReadOnlyDictionary<string, string> reasons)
    {
        var missed = Measure.Missed(results);
        if (missed.Count == 0)
        {
            return results.Any(r => r.Goal is not null) ? "Every goal is met in this run." : "This run judged no goal.";
        }

        var list = new StringBuilder();
        foreach (var r in missed)
        {
            var id = r.Key ?? r.Name;
            var reason = reasons.Keys.Where(k => StartsWithId(id, k) || StartsWithId(r.Name, k)).OrderByDescending(k => k.Length).FirstOrDefault();
            var figure = r.Ratio is { } ratio
                ? $"{ratio.ToString("0.00", CultureInfo.InvariantCulture)} × {r.Baseline}"
                : $"{Number(r.Median)} {r.Unit}";
            var verdict = r.Failure is null ? "not met" : $"FAILED ({r.Failure})";
            if (list.Length > 0)
            {
                list.Append('\n');
            }

            list.Append(CultureInfo.InvariantCulture, $"- **{r.Name}** — {figure} against {r.Goal}: {verdict}. ")
                .Append(reason is null ? "_No reason written yet: add a `reason` block for it to docs/PERFORMANCE.template.md._" : reasons[reason]);
        }

        return list.ToString();
    }

    private static Result? Find(IReadOnlyList<Result> results, string id)
    {
        var byKey = results.Where(r => r.Key == id).ToList();
        var matches = byKey.Count > 0 ? byKey : [.. results.Where(r => StartsWithId(r.Key ?? r.Name, id) || StartsWithId(r.Name, id))];
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new FormatException($"{{{{{id}|…}}}} names {matches.Count} rows ({string.Join("; ", matches.Select(r => r.Name))}): make it longer."),
        };
    }

    private static string Figure(Result? r, string field, string id)
    {
        if (r is null)
        {
            return NotMeasured;
        }

        string Http(Func<HttpFigures, string> figure) => r.Http is { } h ? figure(h) : throw new FormatException($"{{{{{id}|{field}}}}}: {r.Name} is not an HTTP row.");
        return field switch
        {
            "min" => Number(r.Min),
            "median" => Number(r.Median),
            "max" => Number(r.Max),
            "unit" => r.Unit,
            "ratio" => r.Ratio is { } ratio ? $"{ratio.ToString("0.00", CultureInfo.InvariantCulture)} × {r.Baseline}" : "no ratio",
            "goal" => r.Goal ?? "no goal",
            "status" => r.Status switch { null => "no goal", "met" => "met", var s => $"**{s}**" },
            "note" => r.Note ?? "",
            "failure" => r.Failure ?? "no request failed",
            "rps" => Http(h => Number(h.RequestsPerSecond)),
            "p50" => Http(h => Number(h.P50Ms)),
            "p95" => Http(h => Number(h.P95Ms)),
            "p99" => Http(h => Number(h.P99Ms)),
            "requests" => Http(h => h.Requests.ToString("N0", CultureInfo.InvariantCulture)),
            "timeouts" => Http(h => h.Timeouts.ToString("N0", CultureInfo.InvariantCulture)),
            "errors" => Http(h => (h.Non2xx + h.SocketErrors).ToString("N0", CultureInfo.InvariantCulture)),
            _ => throw new FormatException($"{{{{{id}|{field}}}}}: unknown field {field}."),
        };
    }

    private static string Machine(JsonElement m)
    {
        string Text(string name) => m.TryGetProperty(name, out var v) ? v.ToString() : "?";
        var took = m.TryGetProperty("totalSeconds", out var s) && s.ValueKind == JsonValueKind.Number
            ? $"; the whole run took {TimeSpan.FromSeconds(Math.Round(s.GetDouble())):g}"
            : "";
        return $"{Text("date")}; {Text("cores")} cores, {Text("memoryGiB")} GiB; {Text("runtime")}; {Text("os")}; {Mode(m)} mode{took}";
    }

    private static string Mode(JsonElement m) => m.TryGetProperty("mode", out var mode) ? mode.GetString() ?? "?" : "?";

    private static string PageName(Result r) =>
        r.Name.StartsWith("M7 ", StringComparison.Ordinal) && r.Name.EndsWith(", p95", StringComparison.Ordinal) ? r.Name[3..^5] : r.Name;

    /// <summary>Whether <paramref name="text"/> starts with <paramref name="id"/> as a whole word ("M3" starts "M3 register", not "M30").</summary>
    private static bool StartsWithId(string text, string id) =>
        text.StartsWith(id, StringComparison.Ordinal) && (text.Length == id.Length || text[id.Length] is ' ' or '.' or ',' or ':' or '-');

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    [GeneratedRegex(@"<!--\s*reason\s+(?<id>[^>]+?)\s*-->(?<text>.*?)<!--\s*/reason\s*-->\r?\n?", RegexOptions.Singleline)]
    private static partial Regex ReasonBlock();

    [GeneratedRegex(@"\{\{(?<name>[^|{}]+)(\|(?<field>[^{}]+))?\}\}")]
    private static partial Regex Placeholder();
}
