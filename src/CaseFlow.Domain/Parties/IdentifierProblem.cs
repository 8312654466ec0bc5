namespace CaseFlow.Domain.Parties;

/// <summary>Why an identifier (resident ID, credit code, mobile number) was refused.</summary>
public enum IdentifierProblem
{
    Missing,
    WrongLength,
    BadCharacters,
    /// <summary>The region or network prefix is never issued.</summary>
    BadRegion,
    BadBirthDate,
    BadCheckCharacter,
    /// <summary>A passport without its issuing country.</summary>
    CountryMissing,
    /// <summary>The country is not a three-letter ISO 3166-1 code.</summary>
    BadCountry,
    /// <summary>A number given for a worker registered as having no document yet.</summary>
    NotExpected,
}
