namespace CaseFlow.Data.Cases;

/// <summary>The case changed since it was read: its version no longer matches. The API answers 409.</summary>
public sealed class CaseConcurrencyException : Exception
{
    public CaseConcurrencyException()
    {
    }

    public CaseConcurrencyException(string message)
        : base(message)
    {
    }

    public CaseConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CaseConcurrencyException(long caseId, int expectedVersion)
        : base($"Case {caseId} is no longer at version {expectedVersion}: someone else changed it first.")
    {
        CaseId = caseId;
        ExpectedVersion = expectedVersion;
    }

    public long CaseId { get; }

    public int ExpectedVersion { get; }
}
