namespace CaseFlow.Domain.Parties;

/// <summary>
/// The identity document a worker registers with (DESIGN §8). Stored as its snake_case code in case_parties.id_type;
/// a NULL there, from before the types existed, is a resident ID.
/// </summary>
public enum IdDocumentType
{
    /// <summary>居民身份证: 18 characters, GB 11643.</summary>
    ResidentId,
    /// <summary>外国人永久居留身份证: the 15-character card (2004) or the 18-digit card (2023) starting with 9.</summary>
    ForeignPermanentResident,
    /// <summary>港澳居民居住证: 18 digits starting 810000 (Hong Kong) or 820000 (Macao), GB 11643 check.</summary>
    HkMacauResidencePermit,
    /// <summary>台湾居民居住证: 18 digits starting 830000, GB 11643 check.</summary>
    TaiwanResidencePermit,
    /// <summary>港澳居民来往内地通行证: H or M and 8 digits, optionally 2 more (the issue count).</summary>
    HkMacauTravelPermit,
    /// <summary>台湾居民来往大陆通行证: 8 digits (cards since 2015) or 10 (older cards).</summary>
    TaiwanTravelPermit,
    /// <summary>护照: the issuing country and a number, checked loosely.</summary>
    Passport,
    /// <summary>No document at hand yet: the worker registers, the case shows 证件待补录 and the mediator is reminded.</summary>
    None,
}
