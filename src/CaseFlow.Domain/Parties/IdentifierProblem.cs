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
}
