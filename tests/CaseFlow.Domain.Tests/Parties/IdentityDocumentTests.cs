using CaseFlow.Domain.Parties;

namespace CaseFlow.Domain.Tests.Parties;

public class IdentityDocumentTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Theory]
    [InlineData(IdDocumentType.ResidentId, "330523199001011238", null)]
    [InlineData(IdDocumentType.ForeignPermanentResident, "932682198501010017", null)]
    [InlineData(IdDocumentType.HkMacauResidencePermit, "810000199408230021", null)]
    [InlineData(IdDocumentType.TaiwanResidencePermit, "830000199201300022", null)]
    [InlineData(IdDocumentType.HkMacauTravelPermit, "H12345678", null)]
    [InlineData(IdDocumentType.HkMacauTravelPermit, "M1234567801", null)]
    [InlineData(IdDocumentType.TaiwanTravelPermit, "12345678", null)]
    [InlineData(IdDocumentType.Passport, "C01234567", "VNM")]
    [InlineData(IdDocumentType.None, "", null)]
    public void Check_AValidNumberOfEachType_Passes(IdDocumentType type, string number, string? country) =>
        IdentityDocument.Check(type, number, country, Today).Should().BeNull();

    [Fact]
    public void Check_TheOldFifteenCharacterPermanentResidenceCard_PassesWithItsCheckDigit()
    {
        var first14 = "USA31008508010";
        var number = first14 + IdentityDocument.OldCardCheckDigit(first14);
        var wrong = first14 + ((IdentityDocument.OldCardCheckDigit(first14) + 1) % 10);

        IdentityDocument.Check(IdDocumentType.ForeignPermanentResident, number, null, Today).Should().BeNull();
        IdentityDocument.Check(IdDocumentType.ForeignPermanentResident, wrong, null, Today).Should().Be(IdentifierProblem.BadCheckCharacter);
    }

    [Fact]
    public void ThePermanentResidenceCardNumberOfTheIssue_IsRefusedAsAResidentIdForItsRegion()
    {
        IdentityDocument.Check(IdDocumentType.ResidentId, "932682198501010017", null, Today).Should().Be(IdentifierProblem.BadRegion);
        IdentityDocument.Check(IdDocumentType.ForeignPermanentResident, "932682198501010017", null, Today).Should().BeNull();
    }

    [Theory]
    [InlineData(IdDocumentType.ResidentId, "810000199408230021", IdentifierProblem.BadRegion)] // a residence permit
    [InlineData(IdDocumentType.ResidentId, "710101199001011234", IdentifierProblem.BadRegion)] // 71 is no province-level code issued
    [InlineData(IdDocumentType.ForeignPermanentResident, "932682198501010018", IdentifierProblem.BadCheckCharacter)]
    [InlineData(IdDocumentType.ForeignPermanentResident, "832682198501010017", IdentifierProblem.BadRegion)]
    [InlineData(IdDocumentType.ForeignPermanentResident, "93268219850101001", IdentifierProblem.WrongLength)]
    [InlineData(IdDocumentType.HkMacauResidencePermit, "830000199201300022", IdentifierProblem.BadRegion)]
    [InlineData(IdDocumentType.HkMacauResidencePermit, "810000199408230022", IdentifierProblem.BadCheckCharacter)]
    [InlineData(IdDocumentType.TaiwanResidencePermit, "810000199408230021", IdentifierProblem.BadRegion)]
    [InlineData(IdDocumentType.HkMacauTravelPermit, "X12345678", IdentifierProblem.BadCharacters)]
    [InlineData(IdDocumentType.HkMacauTravelPermit, "H1234567", IdentifierProblem.WrongLength)]
    [InlineData(IdDocumentType.TaiwanTravelPermit, "1234567A", IdentifierProblem.BadCharacters)]
    [InlineData(IdDocumentType.TaiwanTravelPermit, "123456", IdentifierProblem.WrongLength)]
    [InlineData(IdDocumentType.Passport, "C0-1234567", IdentifierProblem.BadCharacters)]
    [InlineData(IdDocumentType.Passport, "C01", IdentifierProblem.WrongLength)]
    [InlineData(IdDocumentType.None, "330523199001011238", IdentifierProblem.NotExpected)]
    [InlineData(IdDocumentType.Passport, "", IdentifierProblem.Missing)]
    public void Check_AnInvalidNumberOfEachType_SaysWhy(IdDocumentType type, string number, IdentifierProblem expected) =>
        IdentityDocument.Check(type, number, "VNM", Today).Should().Be(expected);

    [Theory]
    [InlineData(null, IdentifierProblem.CountryMissing)]
    [InlineData("VN", IdentifierProblem.BadCountry)]
    [InlineData("V1M", IdentifierProblem.BadCountry)]
    public void Check_APassportWithoutAGoodCountry_IsRefused(string? country, IdentifierProblem expected) =>
        IdentityDocument.Check(IdDocumentType.Passport, "C01234567", country, Today).Should().Be(expected);

    [Theory]
    [InlineData("11", true)]
    [InlineData("15", true)]
    [InlineData("16", false)]
    [InlineData("46", true)]
    [InlineData("47", false)]
    [InlineData("54", true)]
    [InlineData("65", true)]
    [InlineData("71", false)]
    [InlineData("81", false)]
    [InlineData("83", false)]
    [InlineData("90", false)]
    public void IsProvinceCode_AcceptsOnlyTheMainlandProvinceLevelCodes(string code, bool expected) =>
        ResidentId.IsProvinceCode(code).Should().Be(expected);

    [Theory]
    [InlineData("932682198501010017", "932682********0017")]
    [InlineData("C01234567", "C0*****67")]
    [InlineData("H1234567801", "H1*******01")]
    [InlineData("", "")]
    public void MaskingDocument_HidesTheMiddleOfEveryType(string number, string masked) =>
        Masking.Document(number).Should().Be(masked);
}
