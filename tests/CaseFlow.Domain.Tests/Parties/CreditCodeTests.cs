using CaseFlow.Domain.Parties;

namespace CaseFlow.Domain.Tests.Parties;

public class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the worked example published with GB 32100-2015
    [InlineData("91350100m000100y43")]
    [InlineData("913300001429125024")]
    public void Check_WhenCodeIsValid_FindsNoProblem(string code) =>
        CreditCode.Check(code).Should().BeNull();

    [Theory]
    [InlineData("", IdentifierProblem.Missing)]
    [InlineData("91350100M000100Y4", IdentifierProblem.WrongLength)]
    [InlineData("91350100M000100Y4I", IdentifierProblem.BadCharacters)] // I is not in the alphabet
    [InlineData("91350100M000100Y44", IdentifierProblem.BadCheckCharacter)]
    [InlineData("913300001429125020", IdentifierProblem.BadCheckCharacter)]
    public void Check_WhenCodeIsBad_SaysWhy(string code, IdentifierProblem expected) =>
        CreditCode.Check(code).Should().Be(expected);

    [Fact]
    public void CheckCharacterFor_WhenSumIsAMultipleOf31_IsZero()
    {
        // Search a code whose weighted sum divides by 31: the check character must be '0', not the 32nd symbol.
        var found = Enumerable.Range(0, 31)
            .Select(i => "9133000014291250" + "0123456789ABCDEFGHJKLMNPQRTUWXY"[i])
            .First(first17 => CreditCode.CheckCharacterFor(first17) == '0');
        CreditCode.Check(found + "0").Should().BeNull();
    }
}
