using CaseFlow.Domain.Parties;

namespace CaseFlow.Domain.Tests.Parties;

public class ResidentIdTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Theory]
    [InlineData("11010519491231002X")] // the worked example of GB 11643-1999
    [InlineData("11010519491231002x")] // a lower-case x is the same character
    [InlineData("330523199001011238")]
    public void Check_WhenNumberIsValid_FindsNoProblem(string id) =>
        ResidentId.Check(id, Today).Should().BeNull();

    [Theory]
    [InlineData(null, IdentifierProblem.Missing)]
    [InlineData("  ", IdentifierProblem.Missing)]
    [InlineData("11010519491231002", IdentifierProblem.WrongLength)]
    [InlineData("11010519491231002XX", IdentifierProblem.WrongLength)]
    [InlineData("1101051949123100AX", IdentifierProblem.BadCharacters)]
    [InlineData("110105194912310021", IdentifierProblem.BadCheckCharacter)]
    [InlineData("330523199001011234", IdentifierProblem.BadCheckCharacter)]
    [InlineData("010105194912310028", IdentifierProblem.BadRegion)]
    [InlineData("110105194902300028", IdentifierProblem.BadBirthDate)] // 30 February
    [InlineData("110105203001010028", IdentifierProblem.BadBirthDate)] // born in the future
    [InlineData("110105188001010028", IdentifierProblem.BadBirthDate)] // before 1900
    public void Check_WhenNumberIsBad_SaysWhy(string? id, IdentifierProblem expected) =>
        ResidentId.Check(id, Today).Should().Be(expected);

    [Fact]
    public void CheckCharacterFor_MatchesTheStandardsExample() =>
        ResidentId.CheckCharacterFor("11010519491231002").Should().Be('X');
}
