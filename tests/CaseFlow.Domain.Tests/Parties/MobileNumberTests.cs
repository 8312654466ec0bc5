using CaseFlow.Domain.Parties;

namespace CaseFlow.Domain.Tests.Parties;

public class MobileNumberTests
{
    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("+86 138-1234-5678", "13812345678")]
    [InlineData("008619912345678", "19912345678")]
    public void Normalize_StripsPrefixAndSeparators(string input, string expected)
    {
        MobileNumber.Normalize(input).Should().Be(expected);
        MobileNumber.IsValid(input).Should().BeTrue();
    }

    [Theory]
    [InlineData(null, IdentifierProblem.Missing)]
    [InlineData("1381234567", IdentifierProblem.WrongLength)]
    [InlineData("1381234567a", IdentifierProblem.BadCharacters)]
    [InlineData("12812345678", IdentifierProblem.BadRegion)]
    [InlineData("05712345678", IdentifierProblem.BadRegion)] // a landline, not a mobile
    public void Check_WhenNumberIsBad_SaysWhy(string? input, IdentifierProblem expected) =>
        MobileNumber.Check(input).Should().Be(expected);
}
