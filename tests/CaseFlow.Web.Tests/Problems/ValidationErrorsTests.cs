using System.Reflection;
using CaseFlow.Domain.Parties;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Tests.Problems;

public sealed class ValidationErrorsTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    // 110105 (Beijing Chaoyang), born 1985-07-15, sequence 123: the check character is computed, not typed.
    private static readonly string ValidId = "11010519850715123" + ResidentId.CheckCharacterFor("11010519850715123");

    [Fact]
    public void ToProblem_InChinese_GivesEachFieldItsMessagesAndCodes()
    {
        var errors = new ValidationErrors();
        errors.Required("name", " ");
        errors.MaxLength("description", new string('字', 11), 10);

        var problem = errors.ToProblem(MessageLanguage.Chinese);

        problem.StatusCode.Should().Be(400);
        problem.ProblemDetails.Title.Should().Be("提交的数据有误，请修改后重试。");
        problem.ProblemDetails.Errors.Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["name"] = ["此项为必填项。"],
            ["description"] = ["不能超过 10 个字符。"],
        });
        problem.ProblemDetails.Extensions["errorCodes"].Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["name"] = [ValidationMessages.Required],
            ["description"] = [ValidationMessages.TooLong],
        });
    }

    [Fact]
    public void ToProblem_InEnglish_UsesTheEnglishTexts()
    {
        var errors = new ValidationErrors();
        errors.MaxLength("description", "too long", 3);

        var problem = errors.ToProblem(MessageLanguage.English);

        problem.ProblemDetails.Title.Should().Be("One or more fields are not valid.");
        problem.ProblemDetails.Errors["description"].Should().Equal("Must be at most 3 characters long.");
    }

    [Fact]
    public void ToProblem_CollectsSeveralMessagesForOneField()
    {
        var errors = new ValidationErrors();
        errors.Amount("amountOwed", -1.005m);

        errors.ToProblem(MessageLanguage.English).ProblemDetails.Errors["amountOwed"]
            .Should().Equal("Must not be negative.", "Must have at most two decimal places.");
    }

    [Theory]
    [InlineData(null, MessageLanguage.Chinese)]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", MessageLanguage.Chinese)]
    [InlineData("en-US,en;q=0.9", MessageLanguage.English)]
    [InlineData("fr-FR, en;q=0.5, zh;q=0.3", MessageLanguage.English)]
    [InlineData("zh;q=0.3, en;q=0.8", MessageLanguage.English)]
    [InlineData("de-DE", MessageLanguage.Chinese)]
    [InlineData("en;q=0, zh-TW", MessageLanguage.Chinese)]
    [InlineData("this is not a header;;;==", MessageLanguage.Chinese)]
    public void RequestLanguage_IsChineseUnlessEnglishIsPreferred(string? acceptLanguage, MessageLanguage expected)
    {
        var context = new DefaultHttpContext();
        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }

        RequestLanguage.Of(context.Request).Should().Be(expected);
    }

    [Fact]
    public void ToProblem_ForARequest_SpeaksItsLanguage()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptLanguage = "en";
        var errors = new ValidationErrors();
        errors.Required("name", null);

        errors.ToProblem(context).ProblemDetails.Errors["name"].Should().Equal("This field is required.");
    }

    [Theory]
    [InlineData("1101051985071512", ValidationMessages.IdNumberWrongLength)]
    [InlineData("11010519850715123Y", ValidationMessages.IdNumberBadCharacters)]
    [InlineData("01010519850715123X", ValidationMessages.IdNumberBadRegion)]
    [InlineData("110105198513151230", ValidationMessages.IdNumberBadBirthDate)]
    public void ResidentId_ReportsEachProblemWithItsOwnMessage(string id, string key)
    {
        var errors = new ValidationErrors();

        errors.ResidentId("workers[0].idNumber", id, Today);

        errors.Errors.Should().ContainSingle().Which.Should().Be(new FieldError("workers[0].idNumber", key, []));
    }

    [Fact]
    public void ResidentId_WithAWrongCheckCharacter_SaysSoInBothLanguages()
    {
        var wrong = ValidId[..17] + (ValidId[17] == '0' ? '1' : '0');
        var errors = new ValidationErrors();
        errors.ResidentId(ValidationErrors.Item("workers", 2, "idNumber"), wrong, Today);

        var zh = errors.ToProblem(MessageLanguage.Chinese).ProblemDetails.Errors;
        var en = errors.ToProblem(MessageLanguage.English).ProblemDetails.Errors;

        zh["workers[2].idNumber"].Should().Equal("身份证号码校验位不正确，请核对。");
        en["workers[2].idNumber"].Should().Equal("The check character of the resident ID number does not match; please check the number.");
    }

    [Fact]
    public void FormatChecks_PassValidAndEmptyValues()
    {
        var errors = new ValidationErrors();

        errors.ResidentId("idNumber", ValidId, Today);
        errors.ResidentId("idNumber", null, Today);
        errors.Mobile("phone", "+86 139-1234-5678");
        errors.Mobile("phone", "");
        errors.CreditCode("creditCode", null);
        errors.NotInFuture("receivedOn", Today, Today);
        errors.NotBefore("receivedOn", null, Today);
        errors.OneOf("channel", "hotline", ["walk_in", "hotline"]);
        errors.InRange("pageSize", null, 1, 200);

        errors.IsEmpty.Should().BeTrue();
    }

    [Theory]
    [InlineData("1391234567", ValidationMessages.MobileWrongLength)]
    [InlineData("1391234567a", ValidationMessages.MobileBadCharacters)]
    [InlineData("12912345678", ValidationMessages.MobileBadPrefix)]
    public void Mobile_ReportsEachProblem(string phone, string key)
    {
        var errors = new ValidationErrors();

        errors.Mobile("phone", phone);

        errors.Errors.Should().ContainSingle().Which.Key.Should().Be(key);
    }

    [Theory]
    [InlineData("91330523MA2B3C4D5", ValidationMessages.CreditCodeWrongLength)]
    [InlineData("91330523MA2B3C4D5!", ValidationMessages.CreditCodeBadCharacters)]
    public void CreditCode_ReportsEachProblem(string code, string key)
    {
        var errors = new ValidationErrors();

        errors.CreditCode("creditCode", code);

        errors.Errors.Should().ContainSingle().Which.Key.Should().Be(key);
    }

    [Fact]
    public void CreditCode_WithAWrongCheckCharacter_IsReported()
    {
        const string first17 = "91330523MA2B3C4D5";
        var right = CreditCode.CheckCharacterFor(first17);
        var wrong = first17 + (right == '0' ? '1' : '0');
        var errors = new ValidationErrors();

        errors.CreditCode("creditCode", first17 + right);
        errors.CreditCode("creditCode", wrong);

        errors.Errors.Should().ContainSingle().Which.Key.Should().Be(ValidationMessages.CreditCodeBadCheckCharacter);
    }

    [Fact]
    public void Dates_InTheFutureOrTooLongAgo_AreReportedWithTheLimit()
    {
        var errors = new ValidationErrors();
        errors.NotInFuture("receivedOn", Today.AddDays(1), Today);
        errors.NotBefore("employedFrom", new DateOnly(1949, 12, 31), new DateOnly(1950, 1, 1));

        var problem = errors.ToProblem(MessageLanguage.Chinese).ProblemDetails.Errors;

        problem["receivedOn"].Should().Equal("日期不能晚于今天。");
        problem["employedFrom"].Should().Equal("日期不能早于 1950-01-01。");
    }

    [Fact]
    public void OneOf_ListsTheAllowedValues()
    {
        var errors = new ValidationErrors();

        errors.OneOf("channel", "fax", ["walk_in", "hotline", "online"]);

        errors.ToProblem(MessageLanguage.English).ProblemDetails.Errors["channel"]
            .Should().Equal("Unknown value; allowed values: walk_in, hotline, online.");
    }

    [Fact]
    public void InRange_NamesTheBounds()
    {
        var errors = new ValidationErrors();

        errors.InRange("pageSize", 500, 1, 200);

        errors.ToProblem(MessageLanguage.Chinese).ProblemDetails.Errors["pageSize"].Should().Equal("必须在 1 到 200 之间。");
    }

    [Fact]
    public void Required_ForAValue_ReportsOnlyNull()
    {
        var errors = new ValidationErrors();

        var missing = errors.Required<int>("workersInvolved", null);
        var present = errors.Required<int>("monthsOwed", 0);

        (missing, present, errors.Errors.Single().Field).Should().Be((false, true, "workersInvolved"));
    }

    [Fact]
    public void ToProblem_WithNoErrors_IsAMistake()
    {
        var act = () => new ValidationErrors().ToProblem(MessageLanguage.Chinese);

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Catalogue_HasEveryKeyInBothLanguages_AndEveryKeyConstantIsInIt()
    {
        var constants = typeof(ValidationMessages).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        ValidationMessages.Keys.Should().BeEquivalentTo(constants);
        foreach (var key in constants)
        {
            var args = new object?[] { 1, 2 };
            var zh = ValidationMessages.Format(key, MessageLanguage.Chinese, args);
            var en = ValidationMessages.Format(key, MessageLanguage.English, args);
            zh.Should().NotBeNullOrWhiteSpace().And.NotBe(en, "key {0} needs a Chinese text of its own", key);
            en.Should().MatchRegex("^[\\x20-\\x7E]+$", "key {0} needs an English text", key);
        }
    }

    [Fact]
    public void EveryIdentifierProblem_HasAMessage()
    {
        foreach (var problem in Enum.GetValues<IdentifierProblem>())
        {
            ValidationMessages.Keys.Should().Contain(ValidationMessages.ForResidentId(problem));
            ValidationMessages.Keys.Should().Contain(ValidationMessages.ForMobile(problem));
            ValidationMessages.Keys.Should().Contain(ValidationMessages.ForCreditCode(problem));
        }

        ValidationMessages.ForResidentId(IdentifierProblem.BadRegion).Should().Be(ValidationMessages.IdNumberBadRegion);
    }

    [Fact]
    public void Item_WritesTheFieldPathOfAListElement()
    {
        ValidationErrors.Item("workers", 0, "idNumber").Should().Be("workers[0].idNumber");
    }

    [Fact]
    public void ToProblem_IsATypedValidationProblem()
    {
        var errors = new ValidationErrors().Add("x", ValidationMessages.Required);

        errors.ToProblem(MessageLanguage.Chinese).Should().BeOfType<ValidationProblem>();
    }
}
