using System.Globalization;
using CaseFlow.Domain.Organisation;
using CaseFlow.Domain.Parties;

namespace CaseFlow.Synthetic.Tests;

public class SyntheticCountyTests
{
    [Fact]
    public void Counties_WithTheSameSeed_AreIdentical()
    {
        var first = AGenerator.WithSeed(5).WithCounties(3).Build().Counties;
        var second = AGenerator.WithSeed(5).WithCounties(3).Build().Counties;

        for (var i = 0; i < first.Count; i++)
        {
            second[i].Name.Should().Be(first[i].Name);
            second[i].Units.Should().Equal(first[i].Units);
            second[i].Enterprises.Should().Equal(first[i].Enterprises);
        }
    }

    [Fact]
    public void Counties_WithAnotherSeed_HaveOtherEnterprisesAndVillages()
    {
        var first = AGenerator.WithSeed(5).Build().Counties[0];
        var second = AGenerator.WithSeed(6).Build().Counties[0];

        second.Enterprises.Select(e => e.CreditCode).Should().NotIntersectWith(first.Enterprises.Select(e => e.CreditCode));
        second.Units.Select(u => u.Name).Should().NotEqual(first.Units.Select(u => u.Name));
    }

    [Fact]
    public void FirstCounty_IsModelledOnAnji_WithTheAnjiLadder()
    {
        var anji = AGenerator.Build().Counties[0];

        anji.Model.Should().Be(CountyModel.Anji);
        anji.Ladder.Should().BeSameAs(MediationLadder.Anji);
        anji.Name.Should().Be("安吉县");
        anji.CasePrefix.Should().Be("AJ");
        anji.RegionCode.Should().Be("330523");
        TownNames(anji).Should().Contain(["递铺街道", "孝丰镇", "杭垓镇", "天荒坪镇", "梅溪镇"]);
        anji.Enterprises.Select(e => e.Industry).Distinct().Should().BeEquivalentTo(
            [SyntheticIndustry.Bamboo, SyntheticIndustry.Tea, SyntheticIndustry.Furniture, SyntheticIndustry.Textiles, SyntheticIndustry.Construction]);
    }

    [Fact]
    public void SecondCounty_IsModelledOnJimo_WithTheJimoLadder()
    {
        var jimo = AGenerator.Build().Counties[1];

        jimo.Model.Should().Be(CountyModel.Jimo);
        jimo.Ladder.Should().BeSameAs(MediationLadder.Jimo);
        jimo.Name.Should().Be("即墨区");
        jimo.CasePrefix.Should().Be("JM");
        jimo.RegionCode.Should().Be("370282");
        TownNames(jimo).Should().Contain(["通济街道", "鳌山卫街道", "田横镇", "移风店镇", "段泊岚镇"]);
        jimo.Enterprises.Select(e => e.Industry).Distinct().Should().BeEquivalentTo(
            [SyntheticIndustry.Garments, SyntheticIndustry.Machinery, SyntheticIndustry.Food, SyntheticIndustry.Electronics, SyntheticIndustry.Construction]);
    }

    [Fact]
    public void FurtherCounties_AlternateTheTwoLadders_UnderGeneratedNames()
    {
        var counties = AGenerator.WithCounties(5).Build().Counties;

        counties.Select(c => c.Ladder).Should().Equal(
            MediationLadder.Anji, MediationLadder.Jimo, MediationLadder.Anji, MediationLadder.Jimo, MediationLadder.Anji);
        counties.Skip(2).Select(c => c.Name).Should().Equal("示范县3", "示范县4", "示范县5");
        counties.Select(c => c.CasePrefix).Should().OnlyHaveUniqueItems();
        counties[2].RegionCode.Should().StartWith("33");
        counties[3].RegionCode.Should().StartWith("37");
        counties.Should().AllSatisfy(c => TownNames(c).Should().HaveCountGreaterThan(5));
    }

    [Fact]
    public void Units_HavePathsThatFollowTheirParents_AndKindsOneStepBelow()
    {
        foreach (var county in AGenerator.WithCounties(4).Build().Counties)
        {
            county.Root.Kind.Should().Be(UnitKind.County);
            county.Root.ParentId.Should().BeNull();
            county.Root.Path.Should().Be(string.Create(CultureInfo.InvariantCulture, $"/{county.Root.Id}/"));

            foreach (var unit in county.Units.Skip(1))
            {
                unit.ParentId.Should().NotBeNull();
                var parent = county.Unit(unit.ParentId!.Value);
                unit.Path.Should().Be(string.Create(CultureInfo.InvariantCulture, $"{parent.Path}{unit.Id}/"), "unit {0} sits under {1}", unit.Name, parent.Name);
                unit.Kind.Should().Be(parent.Kind + 1);
                parent.Contains(unit).Should().BeTrue();
            }
        }
    }

    [Fact]
    public void Ids_StartAtTheConfiguredFirstIds_AndRunOnAcrossCounties()
    {
        var counties = AGenerator.WithCounties(3).WithFirstIds(unit: 1000, enterprise: 500).Build().Counties;

        var unitIds = counties.SelectMany(c => c.Units).Select(u => u.Id).Order().ToList();
        unitIds.Should().Equal(Enumerable.Range(1000, unitIds.Count).Select(i => (long)i));

        var enterpriseIds = counties.SelectMany(c => c.Enterprises).Select(e => e.Id).ToList();
        enterpriseIds.Should().Equal(Enumerable.Range(500, 3 * 180).Select(i => (long)i));
    }

    [Fact]
    public void Enterprises_HaveValidUniqueCreditCodes_WithTheCountysRegion()
    {
        var counties = AGenerator.WithCounties(4).WithEnterprises(400).Build().Counties;

        foreach (var county in counties)
        {
            county.Enterprises.Should().AllSatisfy(e =>
            {
                CreditCode.IsValid(e.CreditCode).Should().BeTrue(e.CreditCode);
                e.CreditCode.Should().StartWith("91" + county.RegionCode);
            });
            county.Enterprises.Select(e => e.Name).Should().OnlyHaveUniqueItems();
        }

        counties.SelectMany(c => c.Enterprises).Select(e => e.CreditCode).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Enterprises_SitUnderVillages_AndAQuarterHaveAMediationGroupThere()
    {
        foreach (var county in AGenerator.Build().Counties)
        {
            county.Enterprises.Should().HaveCount(180);
            county.Enterprises.Count(e => e.MediationGroupUnitId is not null).Should().Be(45);

            foreach (var enterprise in county.Enterprises)
            {
                var village = county.Unit(enterprise.UnitId);
                village.Kind.Should().Be(UnitKind.Village);
                enterprise.Address.Should().StartWith(county.AddressPrefix).And.Contain(village.Name);
                enterprise.Name.Should().EndWith("有限公司");

                if (enterprise.MediationGroupUnitId is { } groupId)
                {
                    var group = county.Unit(groupId);
                    group.Kind.Should().Be(UnitKind.Enterprise);
                    group.ParentId.Should().Be(enterprise.UnitId);
                    group.Name.Should().Be(enterprise.Name + "调解小组");
                    enterprise.LocationUnitId.Should().Be(groupId);
                }
                else
                {
                    enterprise.LocationUnitId.Should().Be(enterprise.UnitId);
                }
            }
        }
    }

    [Fact]
    public void ChainFromAnEnterprisesGroup_ClimbsEachCountysLadder()
    {
        var counties = AGenerator.Build().Counties;
        var anji = counties[0];
        var jimo = counties[1];
        var anjiFirm = anji.Enterprises.First(e => e.MediationGroupUnitId is not null);
        var jimoFirm = jimo.Enterprises.First(e => e.MediationGroupUnitId is not null);

        var anjiChain = anji.ChainFrom(anjiFirm.LocationUnitId);
        var jimoChain = jimo.ChainFrom(jimoFirm.LocationUnitId);

        anjiChain.Select(u => u.Kind).Should().Equal(UnitKind.Enterprise, UnitKind.Village, UnitKind.Town, UnitKind.County);
        MediationRouting.HostFor(2, anjiChain, anji.Ladder).Id.Should().Be(anjiFirm.UnitId);
        MediationRouting.HostFor(3, anjiChain, anji.Ladder).Kind.Should().Be(UnitKind.Town);
        MediationRouting.HostFor(2, jimoChain, jimo.Ladder).Kind.Should().Be(UnitKind.Town);
        MediationRouting.HostFor(3, jimoChain, jimo.Ladder).Should().Be(jimo.Root);
    }

    [Fact]
    public void Options_WithNoCounties_AreRefused()
    {
        var build = () => AGenerator.WithCounties(0).Build();

        build.Should().Throw<ArgumentException>().WithMessage("*Counties must be at least 1*");
    }

    private static IEnumerable<string> TownNames(SyntheticCounty county) =>
        county.Units.Where(u => u.Kind == UnitKind.Town).Select(u => u.Name);
}
