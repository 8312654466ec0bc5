namespace CaseFlow.Domain.Grading;

/// <summary>
/// Every threshold of three-colour grading (DESIGN §5), bound from the configuration section "Grading".
/// Defaults are the DESIGN figures; a county or province overrides them in configuration.
/// </summary>
public sealed class GradingOptions
{
    public const string SectionName = "Grading";

    // 最高法 2013 interpretation Art 3: provinces pick the criminal amounts inside these ranges.
    internal const decimal OneWorkerAmountFloor = 5_000m;
    internal const decimal OneWorkerAmountCeiling = 20_000m;
    internal const decimal ManyWorkersTotalFloor = 30_000m;
    internal const decimal ManyWorkersTotalCeiling = 100_000m;

    /// <summary>Red when any worker is owed more than this many months.</summary>
    public decimal RedMonthsOver { get; set; } = 2m;

    /// <summary>Orange when the longest arrears are at least this many months (and not over <see cref="RedMonthsOver"/>).</summary>
    public decimal OrangeMonthsFrom { get; set; } = 1m;

    /// <summary>Orange from this many workers: a collective dispute (劳动争议调解仲裁法 Art 7).</summary>
    public int OrangeWorkersFrom { get; set; } = 10;

    /// <summary>Red from this many workers.</summary>
    public int RedWorkersFrom { get; set; } = 30;

    /// <summary>Criminal threshold, one worker: months owed, at least.</summary>
    public decimal CriminalSingleWorkerMonths { get; set; } = 3m;

    /// <summary>Criminal threshold, one worker: yuan owed, at least (provinces: ¥5,000–¥20,000).</summary>
    public decimal CriminalSingleWorkerAmount { get; set; } = 20_000m;

    /// <summary>Criminal threshold, many workers: how many, at least.</summary>
    public int CriminalManyWorkersCount { get; set; } = 10;

    /// <summary>Criminal threshold, many workers: yuan owed in total, at least (provinces: ¥30,000–¥100,000).</summary>
    public decimal CriminalManyWorkersTotal { get; set; } = 100_000m;

    /// <summary>What is wrong with these thresholds, one sentence per problem; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();

        // Invariant, so a start-up failure reads the same on every server.
        void Require(bool ok, FormattableString problem)
        {
            if (!ok)
            {
                problems.Add(FormattableString.Invariant(problem));
            }
        }

        Require(OrangeMonthsFrom > 0m, $"{nameof(OrangeMonthsFrom)} must be above 0 (is {OrangeMonthsFrom}).");
        Require(
            OrangeMonthsFrom < RedMonthsOver,
            $"{nameof(OrangeMonthsFrom)} ({OrangeMonthsFrom}) must be below {nameof(RedMonthsOver)} ({RedMonthsOver}).");
        Require(OrangeWorkersFrom > 1, $"{nameof(OrangeWorkersFrom)} must be above 1 (is {OrangeWorkersFrom}).");
        Require(
            OrangeWorkersFrom < RedWorkersFrom,
            $"{nameof(OrangeWorkersFrom)} ({OrangeWorkersFrom}) must be below {nameof(RedWorkersFrom)} ({RedWorkersFrom}).");
        Require(
            CriminalSingleWorkerMonths > 0m,
            $"{nameof(CriminalSingleWorkerMonths)} must be above 0 (is {CriminalSingleWorkerMonths}).");
        Require(
            CriminalSingleWorkerAmount is >= OneWorkerAmountFloor and <= OneWorkerAmountCeiling,
            $"{nameof(CriminalSingleWorkerAmount)} ({CriminalSingleWorkerAmount}) must lie within {OneWorkerAmountFloor}–{OneWorkerAmountCeiling}, the range provinces may set.");
        Require(
            CriminalManyWorkersCount > 1,
            $"{nameof(CriminalManyWorkersCount)} must be above 1 (is {CriminalManyWorkersCount}).");
        Require(
            CriminalManyWorkersTotal is >= ManyWorkersTotalFloor and <= ManyWorkersTotalCeiling,
            $"{nameof(CriminalManyWorkersTotal)} ({CriminalManyWorkersTotal}) must lie within {ManyWorkersTotalFloor}–{ManyWorkersTotalCeiling}, the range provinces may set.");

        return problems;
    }

    /// <summary>A private copy, so a grader's sentences cannot drift from its thresholds if the original is changed.</summary>
    internal GradingOptions Copy() => (GradingOptions)MemberwiseClone();
}
