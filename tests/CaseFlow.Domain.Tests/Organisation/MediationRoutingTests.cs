using CaseFlow.Domain.Organisation;

namespace CaseFlow.Domain.Tests.Organisation;

public class MediationRoutingTests
{
    private static readonly OrgUnit County = new(1, null, UnitKind.County, "安吉县", "/1/");
    private static readonly OrgUnit Town = new(5, 1, UnitKind.Town, "杭垓镇", "/1/5/");
    private static readonly OrgUnit Village = new(23, 5, UnitKind.Village, "高村村", "/1/5/23/");
    private static readonly OrgUnit Group = new(77, 23, UnitKind.Enterprise, "某竹木公司调解小组", "/1/5/23/77/");

    [Theory]
    [InlineData(1, 77)]
    [InlineData(2, 23)]
    [InlineData(3, 5)]
    public void HostFor_AnjiLadder_WithEnterpriseGroup_ClimbsEnterpriseVillageTown(int level, long expectedUnit) =>
        MediationRouting.HostFor(level, [Group, Village, Town, County], MediationLadder.Anji).Id.Should().Be(expectedUnit);

    [Theory]
    [InlineData(1, 23)]
    [InlineData(2, 23)]
    [InlineData(3, 5)]
    public void HostFor_AnjiLadder_WithoutEnterpriseGroup_StartsAtTheVillageGrid(int level, long expectedUnit) =>
        MediationRouting.HostFor(level, [Village, Town, County], MediationLadder.Anji).Id.Should().Be(expectedUnit);

    [Theory]
    [InlineData(1, 77)]
    [InlineData(2, 5)]
    [InlineData(3, 1)]
    public void HostFor_JimoLadder_ClimbsGroupStationDistrictRoom(int level, long expectedUnit) =>
        MediationRouting.HostFor(level, [Group, Village, Town, County], MediationLadder.Jimo).Id.Should().Be(expectedUnit);

    [Fact]
    public void HostFor_JimoLadder_EmployerDirectlyUnderATown_StartsAtTheTownStation() =>
        MediationRouting.HostFor(1, [Town, County], MediationLadder.Jimo).Should().Be(Town);

    [Fact]
    public void Ladder_WhenALevelIsHostedBelowThePreviousOne_IsRefused()
    {
        var build = () => new MediationLadder(
        [
            new LadderLevel(1, UnitKind.Town, "a", "a"),
            new LadderLevel(2, UnitKind.Village, "b", "b"),
            new LadderLevel(3, UnitKind.County, "c", "c"),
        ]);
        build.Should().Throw<ArgumentException>().WithMessage("*Level 2 is hosted below level 1*");
    }

    [Fact]
    public void Contains_IsTrueForTheUnitAndItsSubtreeOnly()
    {
        Town.Contains(Group).Should().BeTrue();
        Town.Contains(Town).Should().BeTrue();
        Town.Contains(County).Should().BeFalse();
        new OrgUnit(6, 1, UnitKind.Town, "other", "/1/6/").Contains(Village).Should().BeFalse();
    }
}
