namespace CaseFlow.Domain.Grading;

/// <summary>The rules of DESIGN §5, most severe first; this order is the order results list them in.</summary>
public static class GradingRules
{
    private static readonly IGradingRule[] RedAndOrange =
    [
        new ArrearsOverTwoMonthsIsRed(),
        new EmployerAbscondedIsRed(),
        new ProductionStoppedIsRed(),
        new CollectiveActionIsRed(),
        new ThirtyOrMoreWorkersIsRed(),
        new CriminalThresholdForOneWorkerIsRed(),
        new CriminalThresholdForManyWorkersIsRed(),
        new ArrearsOfOneToTwoMonthsIsOrange(),
        new TenOrMoreWorkersIsOrange(),
        new OrderToPayIgnoredForFiveDaysIsOrange(),
    ];

    public static IReadOnlyList<IGradingRule> All { get; } =
        Array.AsReadOnly([.. RedAndOrange, new AnyOtherDisputeIsYellow(RedAndOrange)]);
}
