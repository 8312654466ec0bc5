using CaseFlow.Domain.Parties;

namespace CaseFlow.Domain.Cases;

/// <summary>
/// A worker party to a dispute. Personal numbers are kept as given; read models mask them. <paramref name="IdType"/>
/// says which document <paramref name="IdNumber"/> is from (empty for <see cref="IdDocumentType.None"/>), and
/// <paramref name="IdCountry"/> is a passport's issuing country.
/// </summary>
public sealed record CaseWorker(
    string Name,
    string IdNumber,
    string Phone,
    decimal AmountOwed,
    decimal MonthsOwed,
    IdDocumentType IdType = IdDocumentType.ResidentId,
    string? IdCountry = null)
{
    /// <summary>The worker has no identity document on record yet (证件待补录).</summary>
    public bool DocumentPending => IdType == IdDocumentType.None;
}
