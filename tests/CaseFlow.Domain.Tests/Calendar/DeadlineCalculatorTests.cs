using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Tests.Calendar;

public class DeadlineCalculatorTests
{
    private static DeadlineCalculator Calculator(Action<TimeLimitOptions>? configure = null)
    {
        var options = new TimeLimitOptions();
        configure?.Invoke(options);
        return new DeadlineCalculator(WorkingCalendar.China(), options);
    }

    [Fact]
    public void AcceptanceDue_Yellow_IsTheEndOfTheThirdWorkingDay()
    {
        var due = Calculator().AcceptanceDue(RiskColor.Yellow, Dates.China("2025-01-24 10:00"));

        due.Should().Be(new DueTime(Dates.EndOf("2025-02-05"), CalendarMissing: false));
    }

    [Fact]
    public void AcceptanceDue_Orange_IsTheEndOfTheNextWorkingDay()
    {
        Calculator().AcceptanceDue(RiskColor.Orange, Dates.China("2025-03-14 15:00"))
            .DueAt.Should().Be(Dates.EndOf("2025-03-17"));
    }

    [Fact]
    public void AcceptanceDue_Red_IsFourWorkingHoursLater()
    {
        // 1.5 h on Monday afternoon, 2.5 h on Tuesday morning.
        Calculator().AcceptanceDue(RiskColor.Red, Dates.China("2025-03-10 16:00"))
            .DueAt.Should().Be(Dates.China("2025-03-11 11:00"));
    }

    [Fact]
    public void AcceptanceDue_FollowsTheConfiguredUnitAndAmount()
    {
        var calculator = Calculator(o =>
        {
            o.Red.AcceptanceAmount = 2;
            o.Yellow.AcceptanceUnit = AcceptanceUnit.WorkingHours;
            o.Yellow.AcceptanceAmount = 8;
            o.OfficeHours.MorningStart = new TimeOnly(9, 0);
        });

        calculator.AcceptanceDue(RiskColor.Red, Dates.China("2025-03-10 08:00"))
            .DueAt.Should().Be(Dates.China("2025-03-10 11:00"));
        calculator.AcceptanceDue(RiskColor.Yellow, Dates.China("2025-03-10 09:00"))
            .DueAt.Should().Be(Dates.China("2025-03-11 10:00"));
    }

    [Fact]
    public void LevelLimitDue_FiveDaysFromFebruaryThirteenth2026_RunsToTheEndOfFebruaryTwentyFourth()
    {
        var due = Calculator().LevelLimitDue(RiskColor.Yellow, 1, Dates.China("2026-02-13 09:00"));

        due.Should().Be(new DueTime(Dates.EndOf("2026-02-24"), CalendarMissing: false));
        due.DueAt.Should().Be(new DateTimeOffset(2026, 2, 25, 0, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void LevelLimitDue_UsesTheLimitOfTheColourAndLevel()
    {
        var calculator = Calculator(o => o.Red.Level3Days = 2);
        var received = Dates.China("2025-03-10 09:00");

        calculator.LevelLimitDue(RiskColor.Red, 3, received).DueAt.Should().Be(Dates.EndOf("2025-03-12"));
        calculator.LevelLimitDue(RiskColor.Red, 2, received).DueAt.Should().Be(Dates.EndOf("2025-03-17"));
        calculator.LevelLimitDue(RiskColor.Orange, 3, received).DueAt.Should().Be(Dates.EndOf("2025-03-17"));
    }

    [Fact]
    public void LevelLimitDue_WithAConsentedExtension_AddsCalendarDaysBeforeMovingOffDaysOff()
    {
        // Received Monday 2025-03-03: five days end Saturday 03-08, moved to Monday 03-10;
        // three more days end Tuesday 03-11, a working day, so nothing moves.
        var received = Dates.China("2025-03-03 10:00");
        Calculator().LevelLimitDue(RiskColor.Yellow, 1, received).DueAt.Should().Be(Dates.EndOf("2025-03-10"));
        Calculator().LevelLimitDue(RiskColor.Yellow, 1, received, extensionDays: 3).DueAt.Should().Be(Dates.EndOf("2025-03-11"));
    }

    [Fact]
    public void LevelLimitDue_CountsFromTheChinaDate_NotTheUtcDate()
    {
        // 2025-03-09 17:00 UTC is Monday 03-10 01:00 in China: day 5 is Saturday 03-15, moved to Monday 03-17.
        var received = new DateTimeOffset(2025, 3, 9, 17, 0, 0, TimeSpan.Zero);

        Calculator().LevelLimitDue(RiskColor.Yellow, 1, received).DueAt.Should().Be(Dates.EndOf("2025-03-17"));
    }

    [Fact]
    public void LevelLimitDue_IntoAYearWithoutCalendar_IsFlagged()
    {
        Calculator().LevelLimitDue(RiskColor.Orange, 2, Dates.China("2026-12-29 10:00"))
            .Should().Be(new DueTime(Dates.EndOf("2027-01-04"), CalendarMissing: true));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void LevelLimitDue_ForALevelOutsideOneToThree_Throws(int level)
    {
        var act = () => Calculator().LevelLimitDue(RiskColor.Yellow, level, Dates.China("2025-03-10 09:00"));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ArbitrationRightFrom_IsTheStartOfTheFifteenthDayAfterFirstReceipt()
    {
        Calculator().ArbitrationRightFrom(Dates.China("2025-03-03 16:45"))
            .Should().Be(new DueTime(Dates.China("2025-03-18 00:00"), CalendarMissing: false));
    }

    [Fact]
    public void ArbitrationRightFrom_OnAHoliday_MovesToTheNextWorkingDay()
    {
        // Day 15 is 10-05 in the National Day holiday, which lasts to 10-08.
        Calculator().ArbitrationRightFrom(Dates.China("2025-09-20 10:00"))
            .DueAt.Should().Be(Dates.China("2025-10-09 00:00"));
    }

    [Fact]
    public void ArbitrationRightFrom_IntoAYearWithoutCalendar_IsFlagged()
    {
        Calculator().ArbitrationRightFrom(Dates.China("2026-12-20 10:00"))
            .Should().Be(new DueTime(Dates.China("2027-01-04 00:00"), CalendarMissing: true));
    }

    [Fact]
    public void Reminders_ForAFiveDaySpan_AreAtTwoThirdsAndOneDayBefore()
    {
        var start = Dates.China("2025-03-10 00:00");

        var reminders = Calculator().Reminders(start, start.AddDays(5));

        reminders.Should().Equal(Dates.China("2025-03-13 08:00"), Dates.China("2025-03-14 00:00"));
    }

    [Fact]
    public void Reminders_WhenTheFinalOneComesFirst_AreInOrder()
    {
        var start = Dates.China("2025-03-10 00:00");

        var reminders = Calculator().Reminders(start, start.AddHours(36));

        reminders.Should().Equal(Dates.China("2025-03-10 12:00"), Dates.China("2025-03-11 00:00"));
    }

    [Fact]
    public void Reminders_WhenBothFallOnTheSameInstant_KeepOne()
    {
        var start = Dates.China("2025-03-10 09:17");

        var reminders = Calculator().Reminders(start, start.AddDays(3));

        reminders.Should().Equal(start.AddDays(2));
    }

    [Fact]
    public void Reminders_ForAOneDaySpan_DropTheOneFallingOnTheStart()
    {
        var start = Dates.China("2025-03-10 00:00");

        Calculator().Reminders(start, start.AddDays(1)).Should().Equal(start.AddHours(16));
    }

    [Fact]
    public void Reminders_ForASpanShorterThanADay_DropTheOneBeforeTheStart()
    {
        var start = Dates.China("2025-03-10 09:00");

        Calculator().Reminders(start, start.AddHours(12)).Should().Equal(start.AddHours(8));
    }

    [Fact]
    public void Reminders_ForATinySpan_DropBothBecauseNeitherIsStrictlyInside()
    {
        var start = Dates.China("2025-03-10 09:00");

        Calculator().Reminders(start, start.AddSeconds(1)).Should().BeEmpty();
    }

    [Fact]
    public void Reminders_WhenDueIsNotAfterStart_AreNone()
    {
        var start = Dates.China("2025-03-10 09:00");
        var calculator = Calculator();

        calculator.Reminders(start, start).Should().BeEmpty();
        calculator.Reminders(start, start.AddDays(-3)).Should().BeEmpty();
    }

    [Fact]
    public void Reminders_FollowTheConfiguredFractionAndFinalInterval()
    {
        var calculator = Calculator(o =>
        {
            o.ReminderFraction = 0.5;
            o.FinalReminderBefore = TimeSpan.FromHours(2);
        });
        var start = Dates.China("2025-03-10 00:00");

        calculator.Reminders(start, start.AddDays(2))
            .Should().Equal(start.AddDays(1), start.AddDays(2).AddHours(-2));
    }

    [Fact]
    public void Reminders_AreGivenInChinaTime()
    {
        var start = new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);

        Calculator().Reminders(start, start.AddDays(5))
            .Should().OnlyContain(r => r.Offset == TimeSpan.FromHours(8));
    }

    [Theory]
    [InlineData("2025-03-12", "2025-03-12", false)] // a working day
    [InlineData("2025-03-15", "2025-03-17", false)] // a Saturday
    [InlineData("2025-10-01", "2025-10-09", false)] // National Day
    [InlineData("2025-10-11", "2025-10-11", false)] // a make-up Saturday
    [InlineData("2027-01-02", "2027-01-04", true)] // no 2027 calendar
    public void PaymentDue_IsTheEndOfTheAgreedDay_OrOfTheNextWorkingDay(string agreed, string lastDay, bool missing)
    {
        Calculator().PaymentDue(Dates.On(agreed)).Should().Be(new DueTime(Dates.EndOf(lastDay), missing));
    }

    [Fact]
    public void Constructor_WithInvalidOptions_ThrowsNamingTheProblem()
    {
        var act = () => Calculator(o => o.Orange.Level2Days = 0);

        act.Should().Throw<ArgumentException>().WithMessage("*TimeLimits:Orange:Level2Days must be at least 1*");
    }

    [Fact]
    public void Constructor_CopiesTheOptions_SoLaterEditsDoNotChangeIt()
    {
        var options = new TimeLimitOptions();
        var calculator = new DeadlineCalculator(WorkingCalendar.China(), options);
        options.Yellow.Level1Days = 1;
        options.OfficeHours.MorningStart = new TimeOnly(10, 0);

        calculator.LevelLimitDue(RiskColor.Yellow, 1, Dates.China("2025-03-10 09:00"))
            .DueAt.Should().Be(Dates.EndOf("2025-03-17"));
        calculator.AddWorkingHours(Dates.China("2025-03-10 08:00"), TimeSpan.FromHours(1))
            .DueAt.Should().Be(Dates.China("2025-03-10 09:30"));
    }
}
