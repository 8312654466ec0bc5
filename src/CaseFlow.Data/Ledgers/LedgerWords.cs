using CaseFlow.Domain.Cases;

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
}
