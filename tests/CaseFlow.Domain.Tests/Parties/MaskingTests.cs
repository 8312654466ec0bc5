using CaseFlow.Domain.Parties;

namespace CaseFlow.Domain.Tests.Parties;

public class MaskingTests
{
    [Fact]
    public void IdNumber_KeepsRegionAndLastFour() =>
        Masking.IdNumber("330523199001011238").Should().Be("330523********1238");

    [Fact]
    public void Phone_KeepsNetworkAndLastFour() =>
        Masking.Phone("13812345678").Should().Be("138****5678");

    [Theory]
    [InlineData("1234567")]
    [InlineData("12345")]
    public void Phone_WhenTooShortToKeepBothEnds_MasksEverything(string value) =>
        Masking.Phone(value).Should().Be(new string('*', value.Length));

    [Fact]
    public void Masking_OfNothing_IsEmpty()
    {
        Masking.IdNumber(null).Should().BeEmpty();
        Masking.Phone("").Should().BeEmpty();
    }
}
