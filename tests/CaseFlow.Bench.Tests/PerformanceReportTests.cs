using CaseFlow.Bench;

namespace CaseFlow.Bench.Tests;

public sealed class PerformanceReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("caseflow-report-test").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A run as the bench writes it: through Measure.WriteAsync to bench-results.json, then read back.</summary>
    private async Task<BenchResults> SampleRunAsync()
    {
        var b1 = new Result("B1 raw single-row INSERT, one transaction each", "rows/s", 6232, 6382.4, 6719);
        var clean = new WrkRun(2000, 2, 4, 12.5, 20, 30, 0, 0, 0, 0, 0);
        var page = new HttpMeasurements.Page("case-api", "GET /api/v1/cases/{id}", "manager", ["/api/v1/cases/1"], "county 基准县");
        var dashboard = new HttpMeasurements.Page("dashboard-api", "GET /api/v1/dashboard", "manager", ["/api/v1/dashboard"], "county 基准县");
        Result[] results =
        [
            b1,
            new Result("M2 durable transition (load, fire, write, commit)", "transitions/s", 1605, 1779, 1812).Against(b1, "≥ 0.5 × B1", r => r >= 0.5),
            new Result("M3 register a case, one transaction each", "cases/s", 3000, 3100, 3200).Against(b1, "≥ 0.4 × B1", r => r >= 0.4),
            new Result("M4 lag from due time to escalation, max", "s", 3.887, 4.038, 4.198).Goal("≤ interval + 1 s (6 s)", m => m <= 6),
            HttpMeasurements.Judge(page, [clean, clean, clean], TimeSpan.FromSeconds(2)).Goal(HttpMeasurements.PageGoal, p95 => p95 <= 50),
            HttpMeasurements.Judge(dashboard, [clean with { Timeouts = 64, Requests = 0, P95Ms = 0 }], TimeSpan.FromSeconds(2)).Goal(HttpMeasurements.PageGoal, p95 => p95 <= 50),
            new Result("M8 web host peak resident memory over the whole M7 run", "MB", 208.781, 208.781, 208.781).Goal("≤ 300 MB", m => m <= 300),
        ];
        await Measure.WriteAsync(_folder, results, new { date = "2026-12-01 13:40Z", cores = 2, memoryGiB = 23.5, os = "Debian", runtime = ".NET 10.0.12", mode = "quick", totalSeconds = 171.4 });
        return BenchResults.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "bench-results.json")));
    }

    [Fact]
    public async Task Render_TheTable_JudgesEveryRowFromTheJson()
    {
        var run = await SampleRunAsync();

        var doc = PerformanceReport.Render("{{table}}", run);

        var lines = doc.Split('\n');
        lines[0].Should().Be("| measurement | min | median | max | unit | ratio | goal | |");
        lines.Should().HaveCount(2 + 7);
        lines.Should().Contain("| B1 raw single-row INSERT, one transaction each | 6,232 | 6,382 | 6,719 | rows/s |  |  |  |");
        lines.Should().Contain("| M2 durable transition (load, fire, write, commit) | 1,605 | 1,779 | 1,812 | transitions/s | 0.28 × B1 | ≥ 0.5 × B1 | **not met** |");
        lines.Should().Contain("| M3 register a case, one transaction each | 3,000 | 3,100 | 3,200 | cases/s | 0.49 × B1 | ≥ 0.4 × B1 | met |");
        lines.Should().Contain("| M7 GET /api/v1/cases/{id} (manager), p95 | 12.5 | 12.5 | 12.5 | ms |  | p95 ≤ 50 ms, no errors | met |");
        lines.Should().Contain(l => l.StartsWith("| M7 GET /api/v1/dashboard (manager), p95 | 0 | 0 | 0 | ms |  | p95 ≤ 50 ms, no errors; failed: 64 timed out", StringComparison.Ordinal)
            && l.EndsWith("| **FAILED** |", StringComparison.Ordinal));
        lines.Should().Contain("| M8 web host peak resident memory over the whole M7 run | 208.781 | 208.781 | 208.781 | MB |  | ≤ 300 MB | met |");
    }

    [Fact]
    public async Task Render_ProseKeepsItsWords_WithTheRunsNumbersFilledIn()
    {
        var run = await SampleRunAsync();
        const string Template = """
            Run: {{machine}}. Command: `{{command}}`.
            M2 runs at {{M2|median}} {{M2|unit}} ({{M2|ratio}}, goal {{M2|goal}}: {{M2|status}}); memory {{M8|median}} MB, {{M8|status}}.
            The case API answers {{M7.case-api|rps}} req/s, p99 {{M7.case-api|p99}} ms; the dashboard: {{M7.dashboard-api|status}}, {{M7.dashboard-api|timeouts}} timeouts.
            M5: {{M5|median}}.
            """;

        var doc = PerformanceReport.Render(Template, run);

        doc.Should().Be("""
            Run: 2026-12-01 13:40Z; 2 cores, 23.5 GiB; .NET 10.0.12; Debian; quick mode; the whole run took 0:02:51. Command: `dotnet run -c Release --project tools/CaseFlow.Bench -- --quick --out DIR`.
            M2 runs at 1,779 transitions/s (0.28 × B1, goal ≥ 0.5 × B1: **not met**); memory 208.781 MB, met.
            The case API answers 1,000 req/s, p99 20 ms; the dashboard: **FAILED**, 64 timeouts.
            M5: not measured in this run.
            """);
    }

    [Fact]
    public async Task Render_Missed_ListsEachMissedOrFailedRow_WithItsReason_AndHidesTheReasonBlocks()
    {
        var run = await SampleRunAsync();
        const string Template = """
            ## Missed
            {{missed}}
            <!-- reason M2 -->
            Ten statements per transition, each prepared anew.
            <!-- /reason -->
            <!-- reason M3 -->
            Never shown: M3 is met.
            <!-- /reason -->
            <!-- reason M7 -->
            Any page over HTTP.
            <!-- /reason -->
            <!-- reason M7.dashboard-api -->
            The dashboard reads every case.
            <!-- /reason -->
            End.
            """;

        var doc = PerformanceReport.Render(Template, run);

        var lines = doc.Split('\n');
        lines.Should().HaveCount(4);
        lines[0].Should().Be("## Missed");
        lines[1].Should().Be("- **M2 durable transition (load, fire, write, commit)** — 0.28 × B1 against ≥ 0.5 × B1: not met. Ten statements per transition, each prepared anew.");
        lines[2].Should().StartWith("- **M7 GET /api/v1/dashboard (manager), p95** — 0 ms against p95 ≤ 50 ms, no errors: FAILED (64 timed out")
            .And.EndWith("The dashboard reads every case.", "the longest reason ID that starts the row's key wins");
        lines[3].Should().Be("End.");
        doc.Should().NotContain("Never shown").And.NotContain("reason");
    }

    [Fact]
    public async Task Render_Missed_FillsTheRunsFiguresIntoAReason_AndRefusesAnyOtherPlaceholderThere()
    {
        var run = await SampleRunAsync();

        var doc = PerformanceReport.Render("{{missed}}\n<!-- reason M2 -->\nB1 was {{B1|median}} rows/s.\n<!-- /reason -->\n", run);

        doc.Should().Contain("not met. B1 was 6,382 rows/s.").And.NotContain("{{");
        var nested = () => PerformanceReport.Render("{{missed}}\n<!-- reason M2 -->\n{{table}}\n<!-- /reason -->\n", run);
        nested.Should().Throw<FormatException>().WithMessage("*figures only*");
    }

    [Fact]
    public async Task Render_Missed_WithoutAReason_SaysSo_AndEveryGoalMetSaysThat()
    {
        var run = await SampleRunAsync();

        PerformanceReport.Render("{{missed}}", run).Should().Contain("**M2 durable transition").And.Contain("_No reason written yet");
        var allMet = run with { Results = [.. run.Results.Where(r => r.Status is "met" or null)] };
        PerformanceReport.Render("{{missed}}", allMet).Should().Be("Every goal is met in this run.");
    }

    [Fact]
    public async Task Render_HttpTable_HasEveryM7Row_WithItsFailures()
    {
        var run = await SampleRunAsync();

        var lines = PerformanceReport.Render("{{http}}", run).Split('\n');

        lines.Should().HaveCount(4);
        lines[2].Should().Be("| GET /api/v1/cases/{id} (manager) | manager | 1,000 | 4 | 12.5 | 20 | 6,000 | 0 | 0 | 0 | met |");
        lines[3].Should().Be("| GET /api/v1/dashboard (manager) | manager | 0 | 4 | 0 | 20 | 0 | 64 | 0 | 0 | **FAILED** |");
    }

    [Fact]
    public async Task Render_AnAmbiguousIdOrUnknownPlaceholder_Throws_RatherThanGuessing()
    {
        var run = await SampleRunAsync();

        var ambiguous = () => PerformanceReport.Render("{{M7|median}}", run);
        var unknownField = () => PerformanceReport.Render("{{M2|average}}", run);
        var unknownName = () => PerformanceReport.Render("{{tabel}}", run);

        ambiguous.Should().Throw<FormatException>().WithMessage("*names 2 rows*");
        unknownField.Should().Throw<FormatException>().WithMessage("*unknown field average*");
        unknownName.Should().Throw<FormatException>().WithMessage("*Unknown placeholder*");
    }

    [Fact]
    public async Task TheRepositorysTemplate_RendersAgainstASampleRun()
    {
        var run = await SampleRunAsync();
        var template = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "PERFORMANCE.template.md"));

        var doc = PerformanceReport.Render(template, run);

        doc.Should().NotContain("{{").And.NotContain("<!-- reason");
        doc.Should().Contain("| M2 durable transition (load, fire, write, commit) | 1,605 | 1,779 | 1,812 | transitions/s | 0.28 × B1 | ≥ 0.5 × B1 | **not met** |");
        doc.Should().Contain("## What the numbers mean");
    }
}
