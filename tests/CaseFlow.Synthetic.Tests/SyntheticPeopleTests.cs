using System.Globalization;
using CaseFlow.Domain.Parties;

namespace CaseFlow.Synthetic.Tests;

public class SyntheticPeopleTests
{
    private static readonly DateOnly AsOf = new(2026, 3, 1);

    [Theory]
    [InlineData(CountyModel.Anji)]
    [InlineData(CountyModel.Jimo)]
    public void People_HaveIdsAndPhonesThatPassTheValidators(CountyModel model)
    {
        var people = Draw(model, seed: 3, count: 5000);

        people.Should().AllSatisfy(p =>
        {
            ResidentId.IsValid(p.IdNumber, AsOf).Should().BeTrue(p.IdNumber);
            MobileNumber.IsValid(p.Phone).Should().BeTrue(p.Phone);
            p.Phone.Should().MatchRegex("^1[35789][0-9]{9}$");
            p.Name.Length.Should().BeInRange(2, 3);
        });
    }

    [Fact]
    public void People_AreBornFrom1966To2006_AndAtLeastSixteen_AsTheirIdSays()
    {
        var people = Draw(CountyModel.Anji, seed: 4, count: 5000);

        people.Should().AllSatisfy(p =>
        {
            p.BirthDate.Should().BeOnOrAfter(new DateOnly(1966, 1, 1)).And.BeOnOrBefore(new DateOnly(2006, 12, 31));
            p.BirthDate.Should().BeOnOrBefore(AsOf.AddYears(-16));
            p.IdNumber.Substring(6, 8).Should().Be(p.BirthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            ((p.IdNumber[16] - '0') % 2 == 1).Should().Be(p.IsMale);
        });
    }

    [Theory]
    [InlineData(CountyModel.Anji, "33", new[] { "33", "34", "32", "36" })]
    [InlineData(CountyModel.Jimo, "37", new[] { "37", "41", "13", "32", "34" })]
    public void People_ComeMostlyFromTheHomeProvince_AndOtherwiseFromANeighbour(CountyModel model, string home, string[] allowed)
    {
        var provinces = Draw(model, seed: 5, count: 5000).Select(p => p.IdNumber[..2]).ToList();

        provinces.Should().OnlyContain(p => allowed.Contains(p));
        provinces.Count(p => p == home).Should().BeGreaterThan(provinces.Count / 2);
    }

    [Fact]
    public void People_WithTheSameSeed_AreTheSame_AndWithAnotherSeed_Differ()
    {
        var first = Draw(CountyModel.Jimo, seed: 9, count: 200);

        Draw(CountyModel.Jimo, seed: 9, count: 200).Should().Equal(first);
        Draw(CountyModel.Jimo, seed: 10, count: 200).Select(p => p.IdNumber).Should().NotIntersectWith(first.Select(p => p.IdNumber));
    }

    private static List<SyntheticPerson> Draw(CountyModel model, int seed, int count)
    {
        var people = new SyntheticPeople(model, seed);
        return [.. Enumerable.Range(0, count).Select(_ => people.Next(AsOf))];
    }
}
