namespace CaseFlow.Web.Auth;

/// <summary>The kinds of partner organisation (partner_orgs.kind) and what each kind may do beyond reading.</summary>
public static class PartnerKinds
{
    public const string Hrss = "hrss";
    public const string LabourInspection = "labour_inspection";
    public const string Arbitration = "arbitration";
    public const string Court = "court";
    public const string Justice = "justice";
    public const string PoliticalLegal = "political_legal";
    public const string Police = "police";

    public static IReadOnlyList<string> All { get; } = [Hrss, LabourInspection, Arbitration, Court, Justice, PoliticalLegal, Police];

    /// <summary>Arbitration and the court take the case over and need the parties' real numbers; the others read them masked.</summary>
    public static bool MayReveal(string? kind) => kind is Arbitration or Court;

    public static string Name(string kind, bool english) => (kind, english) switch
    {
        (Hrss, false) => "人社局",
        (Hrss, true) => "Human resources and social security",
        (LabourInspection, false) => "劳动监察大队",
        (LabourInspection, true) => "Labour inspection",
        (Arbitration, false) => "劳动人事争议仲裁院",
        (Arbitration, true) => "Labour dispute arbitration",
        (Court, false) => "人民法院",
        (Court, true) => "People's court",
        (Justice, false) => "司法局",
        (Justice, true) => "Justice bureau",
        (PoliticalLegal, false) => "政法委",
        (PoliticalLegal, true) => "Political-legal committee",
        (Police, false) => "公安",
        (Police, true) => "Police",
        _ => kind,
    };
}
