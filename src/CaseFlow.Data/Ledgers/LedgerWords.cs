using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Parties;

namespace CaseFlow.Data.Ledgers;

/// <summary>The words ledgers use for dispute types (争议类型) and handling (处理情况).</summary>
public static class LedgerWords
{
    /// <summary>What the export writes for each claim type; the import reads these and the synonyms below.</summary>
    public static IReadOnlyDictionary<ClaimType, string> ClaimWords { get; } = new Dictionary<ClaimType, string>
    {
        [ClaimType.WageArrears] = "欠薪",
        [ClaimType.SocialInsurance] = "社保",
        [ClaimType.Overtime] = "加班费",
        [ClaimType.ContractTermination] = "解除合同",
        [ClaimType.WorkInjury] = "工伤",
        [ClaimType.Other] = "其他",
    };

    private static readonly Dictionary<string, ClaimType> ClaimsByWord = new(StringComparer.Ordinal)
    {
        ["欠薪"] = ClaimType.WageArrears,
        ["拖欠工资"] = ClaimType.WageArrears,
        ["欠发工资"] = ClaimType.WageArrears,
        ["工资"] = ClaimType.WageArrears,
        ["劳动报酬"] = ClaimType.WageArrears,
        ["社保"] = ClaimType.SocialInsurance,
        ["社会保险"] = ClaimType.SocialInsurance,
        ["加班费"] = ClaimType.Overtime,
        ["加班工资"] = ClaimType.Overtime,
        ["解除合同"] = ClaimType.ContractTermination,
        ["解除劳动合同"] = ClaimType.ContractTermination,
        ["劳动合同"] = ClaimType.ContractTermination,
        ["经济补偿"] = ClaimType.ContractTermination,
        ["经济补偿金"] = ClaimType.ContractTermination,
        ["工伤"] = ClaimType.WorkInjury,
        ["工伤待遇"] = ClaimType.WorkInjury,
        ["其他"] = ClaimType.Other,
    };

    private static readonly char[] ClaimSeparators = ['、', ',', '，', ';', '；', '/', '+', ' ', '\u3000'];

    /// <summary>Every word the import understands, for the error message.</summary>
    public static IReadOnlyCollection<string> KnownClaimWords => ClaimsByWord.Keys;

    /// <summary>The claim types of a cell such as "欠薪、加班费", in order, without repeats.</summary>
    /// <param name="unknown">The first word that is not a known dispute type, if any.</param>
    public static IReadOnlyList<ClaimType> ParseClaims(string text, out string? unknown)
    {
        ArgumentNullException.ThrowIfNull(text);
        unknown = null;
        var claims = new List<ClaimType>();
        foreach (var word in text.Split(ClaimSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ClaimsByWord.TryGetValue(word, out var claim))
            {
                unknown = word;
                return [];
            }

            if (!claims.Contains(claim))
            {
                claims.Add(claim);
            }
        }

        return claims;
    }

    /// <summary>The cell the export writes for a case's claims.</summary>
    public static string Claims(IEnumerable<ClaimType> claims) => string.Join("、", claims.Select(c => ClaimWords[c]));

    /// <summary>How a ledger describes where a case stands (处理情况).</summary>
    public static string Handling(CaseState state) => state switch
    {
        CaseState.Registered => "已登记",
        CaseState.Level1AwaitingAcceptance => "第一级待受理",
        CaseState.Level1InMediation => "第一级调解中",
        CaseState.Level2AwaitingAcceptance => "第二级待受理",
        CaseState.Level2InMediation => "第二级调解中",
        CaseState.Level3AwaitingAcceptance => "第三级待受理",
        CaseState.Level3InMediation => "第三级调解中",
        CaseState.AgreementReached => "已达成调解协议",
        CaseState.Resolved => "已履行",
        CaseState.MediationFailed => "调解不成",
        CaseState.Referred => "已移送",
        CaseState.Closed => "已结案",
        CaseState.Withdrawn => "已撤回",
        CaseState.Rejected => "不予受理",
        _ => state.ToString(),
    };

    /// <summary>The words a ledger writes for each identity document type (证件类型); the first is what the export writes.</summary>
    public static IReadOnlyDictionary<IdDocumentType, string[]> IdTypeWords { get; } = new Dictionary<IdDocumentType, string[]>
    {
        [IdDocumentType.ResidentId] = ["居民身份证", "身份证"],
        [IdDocumentType.ForeignPermanentResident] = ["外国人永久居留身份证", "外国人永久居留证", "永久居留身份证"],
        [IdDocumentType.HkMacauResidencePermit] = ["港澳居民居住证"],
        [IdDocumentType.TaiwanResidencePermit] = ["台湾居民居住证"],
        [IdDocumentType.HkMacauTravelPermit] = ["港澳居民来往内地通行证", "回乡证"],
        [IdDocumentType.TaiwanTravelPermit] = ["台湾居民来往大陆通行证", "台胞证"],
        [IdDocumentType.Passport] = ["护照"],
        [IdDocumentType.None] = ["证件待补录", "无", "暂无"],
    };

    private static readonly Dictionary<string, IdDocumentType> IdTypesByWord =
        IdTypeWords.SelectMany(p => p.Value.Select(w => (w, p.Key))).ToDictionary(x => x.w, x => x.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> KnownIdTypeWords => IdTypesByWord.Keys;

    /// <summary>The type a 证件类型 cell names; an empty cell is a resident ID. False for an unknown word.</summary>
    public static bool TryParseIdType(string text, out IdDocumentType type)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Length == 0)
        {
            type = IdDocumentType.ResidentId;
            return true;
        }

        return IdTypesByWord.TryGetValue(text.Trim(), out type);
    }

    /// <summary>The cell the export writes for a document type.</summary>
    public static string IdTypeWord(IdDocumentType type) => IdTypeWords[type][0];

    // 处理情况 words that say the dispute is over, and the final state each is recorded in. Checked as substrings,
    // longest first, so 已撤回 wins over nothing and 调解成功 is found inside 调解成功，已支付.
    private static readonly (string Word, CaseState State, bool Paid)[] FinishedWords =
    [
        ("不予受理", CaseState.Rejected, false),
        ("已撤回", CaseState.Withdrawn, false),
        ("撤回", CaseState.Withdrawn, false),
        ("调解成功", CaseState.Closed, true),
        ("已履行", CaseState.Closed, true),
        ("已支付", CaseState.Closed, true),
        ("已化解", CaseState.Closed, true),
        ("已结案", CaseState.Closed, false),
        ("已办结", CaseState.Closed, false),
        ("已移送", CaseState.Closed, false),
        ("调解不成", CaseState.Closed, false),
    ];

    /// <summary>
    /// Whether 处理情况 says the dispute is finished, the final state it is kept in, and whether it says the wages were
    /// paid (so, without an amount recovered, the amount owed counts as recovered). Null for a dispute still open.
    /// </summary>
    public static (CaseState State, bool Paid)? Finished(string handling)
    {
        ArgumentNullException.ThrowIfNull(handling);
        foreach (var (word, state, paid) in FinishedWords)
        {
            if (handling.Contains(word, StringComparison.Ordinal))
            {
                return (state, paid);
            }
        }

        return null;
    }
}
