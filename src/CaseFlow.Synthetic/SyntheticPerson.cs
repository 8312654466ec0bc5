namespace CaseFlow.Synthetic;

/// <summary>A made-up person with a valid resident ID number and mobile number.</summary>
public sealed record SyntheticPerson(string Name, string IdNumber, string Phone, DateOnly BirthDate, bool IsMale);
