namespace CaseFlow.Data.Backups;

/// <summary>A backup or restore refused or failed for a reason the operator can act on; the message says which.</summary>
public sealed class BackupException : Exception
{
    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BackupException()
    {
    }
}
