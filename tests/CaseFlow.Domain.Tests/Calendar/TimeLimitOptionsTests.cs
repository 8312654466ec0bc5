using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Tests.Calendar;

public class TimeLimitOptionsTests
{
    private static readonly Dictionary<string, Action<TimeLimitOptions>> Breakers = new()
    {
        ["TimeLimits:Yellow:Level1Days must be at least 1 (was 0)"] = o => o.Yellow.Level1Days = 0,
        ["TimeLimits:Red:Level3Days must be at least 1 (was -2)"] = o => o.Red.Level3Days = -2,
        ["TimeLimits:Orange:AcceptanceAmount must be at least 1"] = o => o.Orange.AcceptanceAmount = 0,
        ["TimeLimits:Red:AcceptanceUnit must be WorkingHours or WorkingDays"] = o => o.Red.AcceptanceUnit = 0,
        ["TimeLimits:Orange is missing"] = o => o.Orange = null!,
        ["TimeLimits:ArbitrationRightDays must be at least 1"] = o => o.ArbitrationRightDays = 0,
        ["TimeLimits:ReminderFraction must be between 0 and 1 exclusive (was 1)"] = o => o.ReminderFraction = 1,
        ["TimeLimits:ReminderFraction must be between 0 and 1 exclusive (was 0)"] = o => o.ReminderFraction = 0,
        ["TimeLimits:ReminderFraction must be between 0 and 1 exclusive (was NaN)"] = o => o.ReminderFraction = double.NaN,
        ["TimeLimits:FinalReminderBefore must be positive"] = o => o.FinalReminderBefore = TimeSpan.Zero,
        ["TimeLimits:ReopenWindowDays must not be negative"] = o => o.ReopenWindowDays = -1,
        ["TimeLimits:OfficeHours is missing"] = o => o.OfficeHours = null!,
        ["TimeLimits:OfficeHours:MorningStart (12:00) must not be after MorningEnd (08:30)"] =
            o => (o.OfficeHours.MorningStart, o.OfficeHours.MorningEnd) = (new TimeOnly(12, 0), new TimeOnly(8, 30)),
        ["TimeLimits:OfficeHours:MorningEnd (14:00) must not be after AfternoonStart (13:30)"] =
            o => o.OfficeHours.MorningEnd = new TimeOnly(14, 0),
        ["TimeLimits:OfficeHours:AfternoonStart (13:30) must not be after AfternoonEnd (13:00)"] =
            o => o.OfficeHours.AfternoonEnd = new TimeOnly(13, 0),
    };

    public static TheoryData<string> Problems => [.. Breakers.Keys];

    [Fact]
    public void Defaults_AreTheDesignsPolicy()
    {
        var options = new TimeLimitOptions();

        foreach (var color in Enum.GetValues<RiskColor>())
        {
            var limits = options.For(color);
            new[] { limits.LevelDays(1), limits.LevelDays(2), limits.LevelDays(3) }.Should().Equal(5, 5, 5);
        }

        (options.Red.AcceptanceUnit, options.Red.AcceptanceAmount).Should().Be((AcceptanceUnit.WorkingHours, 4));
        (options.Orange.AcceptanceUnit, options.Orange.AcceptanceAmount).Should().Be((AcceptanceUnit.WorkingDays, 1));
        (options.Yellow.AcceptanceUnit, options.Yellow.AcceptanceAmount).Should().Be((AcceptanceUnit.WorkingDays, 3));
        options.ArbitrationRightDays.Should().Be(15);
        options.ReminderFraction.Should().BeApproximately(2d / 3d, 1e-12);
        options.FinalReminderBefore.Should().Be(TimeSpan.FromDays(1));
        options.ReopenWindowDays.Should().Be(30);
        options.OfficeHours.MorningStart.Should().Be(new TimeOnly(8, 30));
        options.OfficeHours.AfternoonEnd.Should().Be(new TimeOnly(17, 30));
        TimeLimitOptions.SectionName.Should().Be("TimeLimits");
    }

    [Fact]
    public void Validate_WithDefaults_FindsNothing()
    {
        new TimeLimitOptions().Validate().Should().BeEmpty();
    }

    [Fact]
    public void Colours_HaveTheirOwnLimitObjects()
    {
        var options = new TimeLimitOptions();
        options.Red.Level1Days = 1;

        options.Yellow.Level1Days.Should().Be(5);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Validate_NamesEachProblemByItsConfigurationPath(string problem)
    {
        var options = new TimeLimitOptions();
        Breakers[problem](options);

        options.Validate().Should().ContainSingle().Which.Should().StartWith(problem);
    }

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var options = new TimeLimitOptions { ArbitrationRightDays = 0, ReopenWindowDays = -5 };
        options.Yellow.Level2Days = 0;

        options.Validate().Should().HaveCount(3);
    }

    [Fact]
    public void Validate_WhenBothSessionsAreEmpty_SaysOneMustHaveLength()
    {
        var options = new TimeLimitOptions();
        options.OfficeHours.MorningEnd = options.OfficeHours.MorningStart;
        options.OfficeHours.AfternoonEnd = options.OfficeHours.AfternoonStart;

        options.Validate().Should().ContainSingle().Which.Should().Contain("at least one session");
    }

    [Fact]
    public void For_AnUnknownColour_Throws()
    {
        var act = () => new TimeLimitOptions().For((RiskColor)9);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void LevelDays_OutsideOneToThree_Throws(int level)
    {
        var act = () => new TimeLimitOptions().Red.LevelDays(level);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
