namespace CaseFlow.Data.Migrations;

/// <summary>The database and the migration scripts disagree, or migrating failed; the application must not start.</summary>
public class MigrationException : Exception
{
    public MigrationException()
    {
    }

    public MigrationException(string message)
        : base(message)
    {
    }

    public MigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An applied script was edited afterwards: its checksum no longer matches the journal.</summary>
public sealed class MigrationChecksumMismatchException : MigrationException
{
    public MigrationChecksumMismatchException()
    {
    }

    public MigrationChecksumMismatchException(string message)
        : base(message)
    {
    }

    public MigrationChecksumMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MigrationChecksumMismatchException(MigrationScript script, string journaledSha256)
        : base($"Migration {script?.Path} was changed after it was applied (journal sha256 {journaledSha256}, " +
               $"script sha256 {script?.Sha256}). Applied migrations are never edited: restore the file and add a new migration.")
    {
        ArgumentNullException.ThrowIfNull(script);
        FileName = script.FileName;
        Number = script.Number;
    }

    /// <summary>E.g. <c>0001_create_schema.sql</c>.</summary>
    public string? FileName { get; }

    public int Number { get; }
}

/// <summary>The journal records a migration that no script provides: the database is newer than this build, or a script was deleted.</summary>
public sealed class MigrationScriptMissingException : MigrationException
{
    public MigrationScriptMissingException()
    {
    }

    public MigrationScriptMissingException(string message)
        : base(message)
    {
    }

    public MigrationScriptMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MigrationScriptMissingException(int number, string name)
        : base($"The database has migration {number:0000}_{name} applied, but this build has no script numbered {number:0000}: " +
               "it is older than the database, or the script was deleted.")
    {
        Number = number;
    }

    public int Number { get; }
}

/// <summary>Another process held the migration lock for longer than the timeout.</summary>
public sealed class MigrationLockException : MigrationException
{
    public MigrationLockException()
    {
    }

    public MigrationLockException(string message)
        : base(message)
    {
    }

    public MigrationLockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
