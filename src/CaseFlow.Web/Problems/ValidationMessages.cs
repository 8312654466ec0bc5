using System.Collections.Frozen;
using System.Globalization;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Domain.Parties;

namespace CaseFlow.Web.Problems;

/// <summary>
/// Every validation message CaseFlow shows, by key, in Chinese and English. Arguments are filled in with
/// <see cref="string.Format(IFormatProvider, string, object[])"/> placeholders ({0}, {1}).
/// </summary>
public static class ValidationMessages
{
    public const string Required = "required";
    public const string TooLong = "too_long";
    public const string OutOfRange = "out_of_range";
    public const string Negative = "negative";
    public const string TooManyDecimals = "too_many_decimals";
    public const string TooManyDecimals4 = "too_many_decimals_4";
    public const string UnknownValue = "unknown_value";
    public const string InvalidFormat = "invalid_format";
    public const string DateInFuture = "date_in_future";
    public const string DateTooFarInPast = "date_too_far_in_past";
    public const string RangeReversed = "range_reversed";
    public const string DateOutOfRange = "date_out_of_range";
    public const string OffsetRequired = "offset_required";
    public const string AmountTooLarge = "amount_too_large";
    public const string TotalTooLarge = "total_too_large";
    public const string InvisibleOnly = "invisible_only";
    public const string ControlCharacters = "control_characters";
    public const string IfMatchNotStrong = "if_match_not_strong";
    public const string FileTooLarge = "file_too_large";

    public const string IdNumberWrongLength = "id_number.wrong_length";
    public const string IdNumberBadCharacters = "id_number.bad_characters";
    public const string IdNumberBadRegion = "id_number.bad_region";
    public const string IdNumberBadBirthDate = "id_number.bad_birth_date";
    public const string IdNumberBadCheckCharacter = "id_number.bad_check_character";

    public const string DocumentBadBirthDate = "id_document.bad_birth_date";
    public const string DocumentBadCheckCharacter = "id_document.bad_check_character";
    public const string DocumentCountryMissing = "id_document.country_missing";
    public const string DocumentBadCountry = "id_document.bad_country";
    public const string DocumentNotExpected = "id_document.not_expected";

    /// <summary>The format rule of one document type: its key is this prefix and the type's code.</summary>
    internal const string DocumentFormatPrefix = "id_document.format.";

    public const string DocumentFormatForeignPermanentResident = DocumentFormatPrefix + "foreign_permanent_resident";
    public const string DocumentFormatHkMacauResidencePermit = DocumentFormatPrefix + "hk_macau_residence_permit";
    public const string DocumentFormatTaiwanResidencePermit = DocumentFormatPrefix + "taiwan_residence_permit";
    public const string DocumentFormatHkMacauTravelPermit = DocumentFormatPrefix + "hk_macau_travel_permit";
    public const string DocumentFormatTaiwanTravelPermit = DocumentFormatPrefix + "taiwan_travel_permit";
    public const string DocumentFormatPassport = DocumentFormatPrefix + "passport";

    public const string MobileWrongLength = "mobile.wrong_length";
    public const string MobileBadCharacters = "mobile.bad_characters";
    public const string MobileBadPrefix = "mobile.bad_prefix";

    public const string CreditCodeWrongLength = "credit_code.wrong_length";
    public const string CreditCodeBadCharacters = "credit_code.bad_characters";
    public const string CreditCodeBadCheckCharacter = "credit_code.bad_check_character";

    public const string UnknownEnterprise = "unknown_enterprise";
    public const string EnterpriseOutsideJurisdiction = "enterprise_outside_jurisdiction";
    public const string UnknownUnit = "unknown_unit";
    public const string NoMediationLadder = CaseFlow.Data.Cases.MissingLadderException.MessageKey;
    public const string UnknownMediator = "unknown_mediator";
    public const string NotAPartyNumber = "party_number.not_a_number";
    public const string CursorInvalid = "cursor.invalid";
    public const string CursorWithPage = "cursor.with_page";
    public const string SearchTextTooShort = "search.text_too_short";

    public const string PeriodFormat = "period_format";
    public const string NoLevelAbove = "bonus.no_level_above";
    public const string ReasonRequiredToReject = "bonus.reason_required_to_reject";
    public const string WageStatusNeedsFigures = "screening.figures_required";
    public const string NotAGrid = "screening.not_a_grid";
    public const string EnterpriseNotInGrid = "screening.enterprise_not_in_grid";
    public const string AlreadyReported = "screening.already_reported";
    public const string ScreeningPeriod = "screening.period";
    public const string FiguresNotAllowed = "screening.figures_not_allowed";
    public const string GapsNeedNote = "screening.gaps_need_note";
    public const string NotAReportingLevel = "screening.not_a_reporting_level";
    public const string NoFindings = "health_check.no_findings";
    public const string SupervisionAlreadyOpen = "supervision.already_open";
    public const string SupervisionClosed = "supervision.closed";
    public const string SupervisionNoFeedbackYet = "supervision.no_feedback_yet";
    public const string SupervisionTooManyRounds = "supervision.too_many_rounds";
    public const string SupervisionCommentRequiredToSendBack = "supervision.comment_required_to_send_back";
    public const string FindingRepeated = "health_check.finding_repeated";
    public const string ProblemNeedsNote = "health_check.problem_needs_note";
    public const string DueBeforeCheck = "health_check.due_before_check";

    // The scoring scheme's own problems (CaseFlow.Domain.Evaluation.ScoringScheme.Validate).
    public const string SchemeOutOfRange = SchemeMessages.OutOfRange;
    public const string SchemeNoIndicators = SchemeMessages.NoIndicators;
    public const string SchemeUnknownCode = SchemeMessages.UnknownCode;
    public const string SchemeDuplicate = SchemeMessages.Duplicate;
    public const string SchemeMustBePositive = SchemeMessages.MustBePositive;
    public const string SchemeMustNotBeNegative = SchemeMessages.MustNotBeNegative;
    public const string SchemeTargetEqualsFloor = SchemeMessages.TargetEqualsFloor;
    public const string SchemeCapBelowPoints = SchemeMessages.CapBelowPoints;
    public const string SchemePointsMustEqualMaximum = SchemeMessages.PointsMustEqualMaximum;
    public const string SchemeTargetBelowFloor = SchemeMessages.TargetBelowFloor;
    public const string SchemeTargetAboveFloor = SchemeMessages.TargetAboveFloor;
    public const string SchemeStarBands = SchemeMessages.StarBands;
    public const string SchemeStarBandsOrder = SchemeMessages.StarBandsOrder;

    private static readonly FrozenDictionary<string, (string Zh, string En)> Catalogue = new Dictionary<string, (string Zh, string En)>
    {
        [PeriodFormat] = ("期间应为年（2026）、季度（2026-Q3）或月份（2026-10），年份在 {0} 到 {1} 之间。", "A period is a year (2026), a quarter (2026-Q3) or a month (2026-10), in a year from {0} to {1}."),
        [NoLevelAbove] = ("本单位没有上级单位，无法申报加分项。", "Your unit has no level above to review a bonus item."),
        [ReasonRequiredToReject] = ("不予认定时须填写理由。", "A rejection needs a reason."),
        [WageStatusNeedsFigures] = ("欠薪时须填写欠薪月数、涉及人数和金额。", "Arrears need the months, workers and amount owed."),
        [NotAGrid] = ("只有村（社区）网格可以登记摸排记录。", "Only a village or community grid records screening."),
        [EnterpriseNotInGrid] = ("该企业不在本网格内。", "The enterprise is not in your grid."),
        [AlreadyReported] = ("本轮摸排已上报，不能再修改。", "This round is already reported and can no longer change."),
        [ScreeningPeriod] = ("摸排期次应为月份（如 2026-12），在 {0} 到 {1} 之间。", "A screening round is a month (e.g. 2026-12) from {0} to {1}."),
        [FiguresNotAllowed] = ("工资正常或迟发时不填欠薪月数、人数和金额。", "Normal or late payment takes no months, workers or amount owed."),
        [GapsNeedNote] = ("还有 {0} 项未完成（未摸排的企业或未上报的网格），现在上报须在备注中说明原因。", "{0} still open (enterprises not screened or grids not reported): to report now, say why in the note."),
        [NotAReportingLevel] = ("只有村（社区）网格和乡镇（街道）逐级上报摸排结果。", "Only a village or community grid and a town or street report screening upward."),
        [NoFindings] = ("请至少填写一项体检结果。", "Record at least one finding."),
        [FindingRepeated] = ("同一体检项目只能填写一次。", "Each checklist item is recorded once."),
        [ProblemNeedsNote] = ("发现问题时须写明问题情况。", "A problem needs a note saying what was found."),
        [DueBeforeCheck] = ("整改期限不能早于体检日期。", "The due date must not be before the check date."),
        [SchemeOutOfRange] = ("必须在 {0} 到 {1} 之间。", "Must be between {0} and {1}."),
        [SchemeNoIndicators] = ("评分细则至少要有一项指标。", "A scheme needs at least one indicator."),
        [SchemeUnknownCode] = ("没有名为 {0} 的指标或扣分项。", "There is no indicator or deduction named {0}."),
        [SchemeDuplicate] = ("{0} 重复出现。", "{0} appears more than once."),
        [SchemeMustBePositive] = ("必须大于 0。", "Must be greater than 0."),
        [SchemeMustNotBeNegative] = ("不能为负数。", "Must not be negative."),
        [SchemeTargetEqualsFloor] = ("满分值不能等于起评值。", "The target must differ from the floor."),
        [SchemeCapBelowPoints] = ("上限不能低于每项分值，每项分值须大于 0。", "The cap must be at least the points of one item, which must be greater than 0."),
        [SchemePointsMustEqualMaximum] = ("各指标分值与加分上限合计 {0}，应等于满分 {1}。", "The indicators and the bonus cap add up to {0}; they must add up to the maximum, {1}."),
        [SchemeTargetBelowFloor] = ("该指标越高越好，满分值须高于起评值。", "Higher is better for this indicator: the target must be above the floor."),
        [SchemeTargetAboveFloor] = ("该指标越低越好，满分值须低于起评值。", "Lower is better for this indicator: the target must be below the floor."),
        [SchemeStarBands] = ("星级须为 1 到 5 星，每个星级只出现一次。", "Star bands are 1 to 5 stars, each once."),
        [SchemeStarBandsOrder] = ("星级越高，起点分数必须越高。", "More stars need a higher minimum score."),
        [SupervisionAlreadyOpen] = ("该案件已在督办中，请先办结现有督办。", "The case is already under supervision; close that one first."),
        [SupervisionClosed] = ("该督办已办结，不能再反馈或评价。", "This supervision is closed; it takes no more feedback or evaluation."),
        [SupervisionNoFeedbackYet] = ("承办单位尚未反馈，暂不能评价。", "The handling unit has not fed back yet; there is nothing to evaluate."),
        [SupervisionTooManyRounds] = ("退回次数已达上限，请评价为满意或另行处理。", "This supervision has been sent back the most times allowed."),
        [SupervisionCommentRequiredToSendBack] = ("评价为不满意、退回重办时须填写意见。", "Sending a supervision back needs a comment."),
        [Required] = ("此项为必填项。", "This field is required."),
        [TooLong] = ("不能超过 {0} 个字符。", "Must be at most {0} characters long."),
        [OutOfRange] = ("必须在 {0} 到 {1} 之间。", "Must be between {0} and {1}."),
        [Negative] = ("不能为负数。", "Must not be negative."),
        [TooManyDecimals] = ("最多保留两位小数。", "Must have at most two decimal places."),
        [TooManyDecimals4] = ("最多保留四位小数。", "Must have at most four decimal places."),
        [UnknownValue] = ("无效的取值，可选值：{0}。", "Unknown value; allowed values: {0}."),
        [InvalidFormat] = ("格式不正确。", "The format is not valid."),
        [DateInFuture] = ("日期不能晚于今天。", "The date must not be in the future."),
        [DateTooFarInPast] = ("日期不能早于 {0}。", "The date must not be before {0}."),
        [RangeReversed] = ("开始时间不能晚于结束时间。", "The start must not be after the end."),
        [DateOutOfRange] = ("日期必须在 {0} 到 {1} 之间。", "The date must be between {0} and {1}."),
        [OffsetRequired] = ("请写明时区偏移，例如 2026-11-20T09:30:00+08:00（北京时间）。", "Give the time zone offset, e.g. 2026-11-20T09:30:00+08:00 (China time)."),
        [AmountTooLarge] = ("金额不能超过 {0} 元。", "The amount must not exceed {0} yuan."),
        [TotalTooLarge] = ("全部劳动者的欠薪合计不能超过 {0} 元。", "The workers' arrears together must not exceed {0} yuan."),
        [InvisibleOnly] = ("不能只由空白或不可见字符组成。", "Must contain visible characters, not only blank or invisible ones."),
        [ControlCharacters] = ("不能包含控制字符（如制表符、换行符或文字方向控制符）。", "Must not contain control characters (such as tabs, line breaks or text-direction controls)."),
        [IfMatchNotStrong] = ("If-Match 必须是案件的 ETag，例如 \"3\"；不接受 *、弱标记（W/）或不带引号的值。", "If-Match must be the case's ETag, e.g. \"3\"; *, weak tags (W/) and unquoted values are not accepted."),
        [FileTooLarge] = ("文件不能超过 {0} KB。", "The file must be at most {0} KB."),
        [CursorInvalid] = ("翻页标记无效：请使用上一页结果中的 next 值，不要修改。", "Not a valid page cursor: pass the next value of the previous page unchanged."),
        [CursorWithPage] = ("page 与 after 不能同时使用。", "page and after cannot be used together."),
        [SearchTextTooShort] = ("请至少输入 {0} 个字：完整的案号开头、企业名称中的一段，或劳动者姓名（从姓开始）。", "Type at least {0} characters: the start of a case number, part of an enterprise's name, or a worker's name from the surname."),

        [IdNumberWrongLength] = ("身份证号码应为 18 位。", "A resident ID number has 18 characters."),
        [IdNumberBadCharacters] = ("身份证号码前 17 位应为数字，最后一位为数字或 X。", "A resident ID number is 17 digits followed by a digit or X."),
        [IdNumberBadRegion] = ("身份证号码的地区码无效：居民身份证以省级行政区划代码（11–65）开头；81–83 开头的是港澳台居民居住证，9 开头的是外国人永久居留身份证，请选择相应的证件类型。", "The region code of the resident ID number is not valid: a resident ID starts with a province code (11 to 65); numbers starting 81 to 83 are Hong Kong, Macao and Taiwan residence permits and those starting with 9 foreign permanent resident ID cards, so choose that document type."),
        [IdNumberBadBirthDate] = ("身份证号码中的出生日期无效。", "The birth date in the resident ID number is not valid."),
        [IdNumberBadCheckCharacter] = ("身份证号码校验位不正确，请核对。", "The check character of the resident ID number does not match; please check the number."),

        [DocumentBadBirthDate] = ("证件号码中的出生日期无效。", "The birth date in the document number is not valid."),
        [DocumentBadCheckCharacter] = ("证件号码校验位不正确，请核对。", "The check character of the document number does not match; please check the number."),
        [DocumentCountryMissing] = ("护照须填写签发国家（三位字母代码，如 VNM）。", "A passport needs its issuing country (a three-letter code such as VNM)."),
        [DocumentBadCountry] = ("国家代码应为三位字母（ISO 3166-1，如 VNM）。", "The country must be a three-letter code (ISO 3166-1, e.g. VNM)."),
        [DocumentNotExpected] = ("证件类型为“证件待补录”时不填证件号码。", "Leave the number empty when the document is still to be recorded."),
        [DocumentFormatPrefix + "foreign_permanent_resident"] = ("外国人永久居留身份证号码应为以 9 开头的 18 位数字（2023 版），或 3 个字母加 12 位数字共 15 位（旧版）。", "A foreign permanent resident ID number is 18 digits starting with 9 (2023 card), or 15 characters: 3 letters and 12 digits (older card)."),
        [DocumentFormatPrefix + "hk_macau_residence_permit"] = ("港澳居民居住证号码应为以 810000（香港）或 820000（澳门）开头的 18 位。", "A Hong Kong or Macao residence permit number has 18 characters starting 810000 (Hong Kong) or 820000 (Macao)."),
        [DocumentFormatPrefix + "taiwan_residence_permit"] = ("台湾居民居住证号码应为以 830000 开头的 18 位。", "A Taiwan residence permit number has 18 characters starting 830000."),
        [DocumentFormatPrefix + "hk_macau_travel_permit"] = ("港澳居民来往内地通行证号码应为 H 或 M 加 8 位或 10 位数字。", "A Hong Kong and Macao travel permit number is H or M followed by 8 or 10 digits."),
        [DocumentFormatPrefix + "taiwan_travel_permit"] = ("台湾居民来往大陆通行证号码应为 8 位或 10 位数字。", "A Taiwan travel permit number has 8 or 10 digits."),
        [DocumentFormatPrefix + "passport"] = ("护照号码应为 5 到 20 位字母或数字。", "A passport number has 5 to 20 letters and digits."),

        [UnknownEnterprise] = ("找不到该企业，或不在您的管辖范围内。", "No such enterprise in your units."),
        [EnterpriseOutsideJurisdiction] = ("该统一社会信用代码的企业登记在其他辖区。", "The enterprise with this credit code is registered in another jurisdiction."),
        [NoMediationLadder] = ("该企业所在县（区）尚未配置三级调解体系，暂不能登记案件，请联系系统管理员配置。", "The enterprise's county has no mediation ladder configured yet, so no case can be registered there; ask an administrator to configure it."),
        [UnknownUnit] = ("找不到该单位，或不在您的管辖范围内。", "No such unit in your units."),
        [UnknownMediator] = ("找不到该调解员，或不在您的管辖范围内。", "No such mediator in your units."),
        [NotAPartyNumber] = ("请输入完整的身份证号码（18 位）或电话号码，可含空格或短横线。", "Type a whole ID-card number (18 characters) or phone number; spaces and dashes are fine."),

        [MobileWrongLength] = ("手机号码应为 11 位。", "A mobile number has 11 digits."),
        [MobileBadCharacters] = ("手机号码只能包含数字。", "A mobile number contains digits only."),
        [MobileBadPrefix] = ("手机号码应以 13–19 开头。", "A mobile number starts with 13 to 19."),

        [CreditCodeWrongLength] = ("统一社会信用代码应为 18 位。", "A unified social credit code has 18 characters."),
        [CreditCodeBadCharacters] = ("统一社会信用代码含有无效字符。", "The unified social credit code contains characters that are not allowed."),
        [CreditCodeBadCheckCharacter] = ("统一社会信用代码校验位不正确，请核对。", "The check character of the unified social credit code does not match; please check the code."),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every key in the catalogue.</summary>
    public static IEnumerable<string> Keys => Catalogue.Keys;

    /// <summary>The message for <paramref name="key"/> in <paramref name="language"/>, arguments filled in invariantly.</summary>
    /// <exception cref="KeyNotFoundException">The key is not in the catalogue.</exception>
    public static string Format(string key, MessageLanguage language, IReadOnlyList<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!Catalogue.TryGetValue(key, out var texts))
        {
            throw new KeyNotFoundException($"'{key}' is not a validation message key.");
        }

        var format = language == MessageLanguage.English ? texts.En : texts.Zh;
        return arguments.Count == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, [.. arguments]);
    }

    /// <summary>The key for a resident ID problem (<see cref="IdentifierProblem.Missing"/> is <see cref="Required"/>).</summary>
    public static string ForResidentId(IdentifierProblem problem) => problem switch
    {
        IdentifierProblem.Missing => Required,
        IdentifierProblem.WrongLength => IdNumberWrongLength,
        IdentifierProblem.BadCharacters => IdNumberBadCharacters,
        IdentifierProblem.BadRegion => IdNumberBadRegion,
        IdentifierProblem.BadBirthDate => IdNumberBadBirthDate,
        IdentifierProblem.BadCheckCharacter => IdNumberBadCheckCharacter,
        _ => InvalidFormat,
    };

    /// <summary>The key for a problem with a document of <paramref name="typeCode"/> (a snake_case <c>IdDocumentType</c> code).</summary>
    public static string ForDocument(string typeCode, IdentifierProblem problem) => typeCode == "resident_id"
        ? ForResidentId(problem)
        : problem switch
        {
            IdentifierProblem.Missing => Required,
            IdentifierProblem.BadBirthDate => DocumentBadBirthDate,
            IdentifierProblem.BadCheckCharacter => DocumentBadCheckCharacter,
            IdentifierProblem.CountryMissing => DocumentCountryMissing,
            IdentifierProblem.BadCountry => DocumentBadCountry,
            IdentifierProblem.NotExpected => DocumentNotExpected,
            _ => DocumentFormatPrefix + typeCode,
        };

    /// <summary>The key for a mobile number problem.</summary>
    public static string ForMobile(IdentifierProblem problem) => problem switch
    {
        IdentifierProblem.Missing => Required,
        IdentifierProblem.WrongLength => MobileWrongLength,
        IdentifierProblem.BadCharacters => MobileBadCharacters,
        IdentifierProblem.BadRegion => MobileBadPrefix,
        _ => InvalidFormat,
    };

    /// <summary>The key for a unified social credit code problem.</summary>
    public static string ForCreditCode(IdentifierProblem problem) => problem switch
    {
        IdentifierProblem.Missing => Required,
        IdentifierProblem.WrongLength => CreditCodeWrongLength,
        IdentifierProblem.BadCharacters => CreditCodeBadCharacters,
        IdentifierProblem.BadCheckCharacter => CreditCodeBadCheckCharacter,
        _ => InvalidFormat,
    };
}
