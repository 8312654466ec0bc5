using CaseFlow.Data.Cases;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases;

/// <summary>The case view of the API contract: numbers masked, deadlines with time left, and what the caller may do.</summary>
public sealed record CaseView(
    long Id,
    string Number,
    CaseState State,
    int? Level,
    long UnitId,
    string UnitName,
    RiskColor? RiskColor,
    IReadOnlyList<string> RiskReasons,
    IReadOnlyList<string> RiskRuleCodes,
    int Version,
    Channel Channel,
    IReadOnlyList<ClaimType> ClaimTypes,
    string Description,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ReceivedAtLevel,
    CaseTotals Totals,
    EnterpriseView? Enterprise,
    IReadOnlyList<WorkerView> Workers,
    IReadOnlyList<DeadlineView> Deadlines,
    DateTimeOffset? ArbitrationRightFrom,
    bool ArbitrationRightOpen,
    IReadOnlyList<ActionView> Actions,
    IReadOnlyList<EventJson> Events,
    IReadOnlyList<SessionView> Sessions,
    AgreementTerms? Agreement,
    ReferralJson? Referral,
    long? MediatorUserId,
    DateTimeOffset? ClosedAt,
    CaseAccess Access,
    IReadOnlyList<Data.Partners.CaseShareView> Shares,
    IReadOnlyList<ActivityView> Activities);

public sealed record CaseTotals(decimal AmountOwed, decimal AmountRecovered, int Workers);

/// <summary>One trigger of the current state: its API name, whether this caller may fire it now, and why not.</summary>
public sealed record ActionView(string Name, bool Allowed, IReadOnlyList<string> Reasons, IReadOnlyList<string> ReasonCodes);

public sealed record EventJson(DateTimeOffset At, string By, string Trigger, CaseState From, CaseState To, string? Reason);

public sealed record ReferralJson(string Body, string? ReferenceNumber);

internal static class CaseJson
{
    public static CaseView From(CaseDetail d, CurrentUser user, MessageLanguage language, DateTimeOffset now) => new(
        d.Id,
        d.Number,
        d.State,
        d.Level,
        d.UnitId,
        d.UnitName,
        d.RiskColor,
        [.. d.RiskRules.Select(r => language == MessageLanguage.English ? r.En : r.Zh)],
        [.. d.RiskRules.Select(r => r.Code)],
        d.Version,
        d.Channel,
        d.ClaimTypes,
        d.Description,
        d.ReceivedAt,
        d.ReceivedAtLevel,
        new CaseTotals(d.AmountOwed, d.AmountRecovered, d.WorkersInvolved),
        d.Enterprise,
        d.Workers,
        d.Deadlines,
        d.ArbitrationRightFrom,
        d.ArbitrationRightFrom <= now && d.ClosedAt is null,
        [.. d.Actions.Select(a => CaseActions.Describe(a, d.Access, user, language))],
        [.. d.Events.Select(e => new EventJson(e.At, e.By, e.Trigger is { } trigger ? CaseActions.NameOf(trigger) : "deadlinesRecomputed", e.From, e.To, e.Reason))],
        d.Sessions,
        d.Agreement,
        d.Referral is { } r ? new ReferralJson(Data.DbCode.Of(r.Body), r.ReferenceNumber) : null,
        d.MediatorUserId,
        d.ClosedAt,
        d.Access,
        d.Shares,
        d.Activities);

    /// <summary>The entity tag of a case version, as GET sends it and If-Match must echo it.</summary>
    public static string ETag(int version) => $"\"{version}\"";

    /// <summary>
    /// The version an If-Match header names, which must be one strong tag as <see cref="ETag"/> writes it (<c>"3"</c>).
    /// <c>*</c>, a weak tag (<c>W/"3"</c>), a bare <c>3</c> or a list would let a write go through without the caller
    /// having seen the version it changes, so they are refused.
    /// </summary>
    public static bool TryParseIfMatch(string? header, out int version)
    {
        version = 0;
        var text = header?.Trim();
        return text is { Length: >= 3 } && text[0] == '"' && text[^1] == '"'
            && int.TryParse(text.AsSpan(1, text.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version)
            && version > 0;
    }
}
