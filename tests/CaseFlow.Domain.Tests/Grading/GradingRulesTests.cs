using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;

namespace CaseFlow.Domain.Tests.Grading;

public class GradingRulesTests
{
    public static TheoryData<string> AllCodes() => [.. GradingRules.All.Select(r => r.Code)];

    private static IGradingRule Rule(string code) => GradingRules.All.Single(r => r.Code == code);

    [Fact]
    public void All_HasEveryDesignRule_WithUniqueCodes()
    {
        GradingRules.All.Select(r => r.Code).Should().OnlyHaveUniqueItems().And.HaveCount(11);
    }

    [Fact]
    public void All_CountsSevenRedThreeOrangeAndOneYellowRule()
    {
        GradingRules.All.Count(r => r.Color == RiskColor.Red).Should().Be(7);
        GradingRules.All.Count(r => r.Color == RiskColor.Orange).Should().Be(3);
        GradingRules.All.Should().ContainSingle(r => r.Color == RiskColor.Yellow);
    }

    [Fact]
    public void All_IsOrderedMostSevereFirst()
    {
        GradingRules.All.Select(r => r.Color).Should().BeInDescendingOrder();
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Describe_EveryRule_HasAChineseAndAnEnglishSentence(string code)
    {
        var sentence = Rule(code).Describe(new GradingOptions());

        sentence.Zh.Should().NotBeNullOrWhiteSpace().And.MatchRegex(@"\p{IsCJKUnifiedIdeographs}");
        sentence.En.Should().NotBeNullOrWhiteSpace().And.MatchRegex("^[A-Z0-9]").And.NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}");
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Code_EveryRule_StartsWithItsColour(string code)
    {
        var rule = Rule(code);

        code.Should().StartWith(rule.Color.ToString().ToLowerInvariant() + ".");
    }

    [Fact]
    public void Describe_ThresholdRules_StateTheConfiguredNumbers()
    {
        var options = new GradingOptions
        {
            RedMonthsOver = 2.5m,
            OrangeMonthsFrom = 1.5m,
            OrangeWorkersFrom = 8,
            RedWorkersFrom = 25,
            CriminalSingleWorkerAmount = 5_000m,
            CriminalManyWorkersCount = 12,
            CriminalManyWorkersTotal = 30_000m,
        };

        Rule("red.arrears-over-months").Describe(options).Should().Be(new RuleSentence("欠薪超过2.5个月", "Wages owed for more than 2.5 months"));
        Rule("orange.arrears-months").Describe(options).Should().Be(new RuleSentence("欠薪1.5至2.5个月", "Wages owed for 1.5 to 2.5 months"));
        Rule("red.many-workers").Describe(options).Should().Be(new RuleSentence("涉及劳动者25人以上", "25 or more workers involved"));
        Rule("orange.collective-dispute").Describe(options).En.Should().StartWith("8 or more workers");
        Rule("red.criminal-one-worker").Describe(options).Zh.Should().Contain("5,000元以上");
        Rule("red.criminal-many-workers").Describe(options).En.Should().StartWith("12 or more workers owed ¥30,000 or more in total");
    }

    [Fact]
    public void AnyOtherDisputeIsYellow_WhenAnOtherRuleApplies_DoesNotApply()
    {
        var yellow = new AnyOtherDisputeIsYellow([new EmployerAbscondedIsRed()]);
        var options = new GradingOptions();

        yellow.Applies(ADispute.With(RiskSignals.EmployerAbsconded).Build(), options).Should().BeFalse();
        yellow.Applies(ADispute.With(RiskSignals.ProductionStopped).Build(), options).Should().BeTrue();
    }
}
