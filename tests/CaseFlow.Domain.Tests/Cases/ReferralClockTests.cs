using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Tests.Calendar;

namespace CaseFlow.Domain.Tests.Cases;

/// <summary>
/// A referral's statutory clocks on the 2026 calendar (the State Council's arrangement, as in shared/data/calendar):
/// arbitration accepts within 5 calendar days, labour inspection within 5 working days, arbitration decides within 45.
/// </summary>
public sealed class ReferralClockTests
{
    private static readonly WorkingCalendar China2026 = WorkingCalendar.China();

    [Fact]
    public void Arbitration_AcknowledgementDue_IsFiveCalendarDaysCountedFromTheNextDay()
    {
        var due = ReferralClock.AcknowledgementDue(ReferralBody.Arbitration, Dates.China("2026-03-02 10:00"), China2026);

        // Tue 3 to Sat 7: the last day is a Saturday, so it moves to Monday the 9th.
        due!.Value.DueAt.Should().Be(Dates.EndOf("2026-03-09"));
        due.Value.CalendarMissing.Should().BeFalse();
    }

    [Fact]
    public void Arbitration_AcknowledgementDue_WhoseLastDayFallsInTheNationalHoliday_MovesToTheFirstWorkingDayAfter()
    {
        // Referred Mon 28 Sep: day 5 is Sat 3 Oct, inside 国庆节 (1–7 Oct off), so it moves to Thu 8 Oct.
        var due = ReferralClock.AcknowledgementDue(ReferralBody.Arbitration, Dates.China("2026-09-28 09:00"), China2026);

        due!.Value.DueAt.Should().Be(Dates.EndOf("2026-10-08"));
    }

    [Fact]
    public void LabourInspection_AcknowledgementDue_CountsFiveWorkingDays_AcrossTheHolidayAndItsMakeUpSaturday()
    {
        // Working days after Mon 28 Sep: Tue 29, Wed 30, (1–7 Oct off), Thu 8, Fri 9, Sat 10 Oct (调休上班) is the fifth.
        var due = ReferralClock.AcknowledgementDue(ReferralBody.LabourInspection, Dates.China("2026-09-28 09:00"), China2026);

        due!.Value.DueAt.Should().Be(Dates.EndOf("2026-10-10"));
    }

    [Fact]
    public void LabourInspection_AcknowledgementDue_IsLaterThanArbitrations_AcrossSpringFestival()
    {
        // Referred Thu 12 Feb 2026: arbitration's day 5 is Tue 17 Feb (春节, off until 23 Feb) → Tue 24 Feb; inspection
        // counts Fri 13, Sat 14 (调休上班), then 24, 25, 26 Feb.
        var referred = Dates.China("2026-02-12 15:00");

        ReferralClock.AcknowledgementDue(ReferralBody.Arbitration, referred, China2026)!.Value.DueAt.Should().Be(Dates.EndOf("2026-02-24"));
        ReferralClock.AcknowledgementDue(ReferralBody.LabourInspection, referred, China2026)!.Value.DueAt.Should().Be(Dates.EndOf("2026-02-26"));
    }

    [Fact]
    public void Arbitration_OutcomeDue_Is45DaysFromTheAcknowledgement()
    {
        var due = ReferralClock.OutcomeDue(ReferralBody.Arbitration, Dates.China("2026-03-02 10:00"), China2026);

        // 2 March + 45 days = Thu 16 April, a working day.
        due!.Value.DueAt.Should().Be(Dates.EndOf("2026-04-16"));
    }

    [Theory]
    [InlineData(ReferralBody.Court)]
    [InlineData(ReferralBody.Police)]
    public void CourtAndPolice_HaveNoClockInTheDesign(ReferralBody body)
    {
        ReferralClock.AcknowledgementDue(body, Dates.China("2026-03-02 10:00"), China2026).Should().BeNull();
        ReferralClock.OutcomeDue(body, Dates.China("2026-03-02 10:00"), China2026).Should().BeNull();
    }

    [Fact]
    public void AYearWithNoCalendar_IsCountedOnWeekendsAndFlagged()
    {
        var due = ReferralClock.AcknowledgementDue(ReferralBody.LabourInspection, Dates.China("2030-03-01 10:00"), China2026);

        // Fri 1 March 2030: Mon 4 … Fri 8 March.
        due!.Value.DueAt.Should().Be(Dates.EndOf("2030-03-08"));
        due.Value.CalendarMissing.Should().BeTrue();
    }

    [Fact]
    public void Outcomes_AreTheFixedListOfEachBody_AndCodesFitTheColumn()
    {
        ReferralOutcomes.For(ReferralBody.Arbitration).Select(k => k.Zh).Should().Equal("仲裁受理", "不予受理", "仲裁调解", "仲裁裁决");
        ReferralOutcomes.For(ReferralBody.LabourInspection).Select(k => k.Zh).Should().Equal("监察立案", "责令支付", "不予立案");
        ReferralOutcomes.For(ReferralBody.Court).Select(k => k.Zh).Should().Equal("法院立案", "司法确认", "支付令", "判决");
        ReferralOutcomes.For(ReferralBody.Police).Select(k => k.Zh).Should().Equal("立案", "不予立案");
        Enum.GetValues<ReferralBody>().SelectMany(ReferralOutcomes.For).Should().OnlyContain(k => k.Code.Length <= ReferralOutcomes.MaxCode)
            .And.OnlyHaveUniqueItems(k => k.Code);
        ReferralOutcomes.Find(ReferralBody.Court, "arbitration_mediated").Should().BeNull("an outcome belongs to its own body's list");
    }
}
