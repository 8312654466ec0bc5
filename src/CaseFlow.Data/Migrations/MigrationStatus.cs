namespace CaseFlow.Data.Migrations;

/// <summary>A row of the journal table <c>schema_migrations</c>.</summary>
public sealed record AppliedMigration(int Number, string Name, string Sha256, DateTimeOffset AppliedAt);

/// <summary>What the database has applied and what this build would still apply.</summary>
public sealed record MigrationStatus(IReadOnlyList<AppliedMigration> Applied, IReadOnlyList<MigrationScript> Pending)
{
    public bool IsUpToDate => Pending.Count == 0;
}
