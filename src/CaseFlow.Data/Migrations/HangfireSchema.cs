using System.Data.Common;
using Dapper;
using Hangfire.SqlServer;

namespace CaseFlow.Data.Migrations;

/// <summary>
/// Hangfire's job storage on SQL Server: a schema of its own in CaseFlow's database, installed and upgraded by the
/// migration runner while it holds the migration lock. The web nodes configure the storage with
/// <c>PrepareSchemaIfNecessary</c> off, so none of them creates schema at start.
/// </summary>
public static class HangfireSchema
{
    /// <summary>The SQL Server schema Hangfire's tables live in.</summary>
    public const string Name = "hangfire";

    /// <summary>The version of Hangfire's schema this build installs.</summary>
    public static int Version => SqlServerObjectsInstaller.LatestSchemaVersion;

    /// <summary>
    /// Runs Hangfire's own install script, which creates what is missing and upgrades an older version in a
    /// transaction of its own. Heavy migrations (rebuilds of large tables) are allowed: this is the maintenance step.
    /// </summary>
    internal static async Task InstallAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var script = SqlServerObjectsInstaller.GetInstallScript(Name, enableHeavyMigrations: true);
        await connection.ExecuteAsync(new CommandDefinition(script, commandTimeout: 0, cancellationToken: cancellationToken));

        // The script turns these on for the session; the connection goes back to the pool, and CaseFlow's statements
        // count affected rows (NOCOUNT) and roll back to savepoints (XACT_ABORT would doom the whole transaction).
        await connection.ExecuteAsync(new CommandDefinition("SET NOCOUNT OFF; SET XACT_ABORT OFF;", cancellationToken: cancellationToken));
    }

    /// <summary>The installed version, or null when Hangfire's schema is not there.</summary>
    public static async Task<int?> InstalledVersionAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(InstalledVersionSql, cancellationToken: cancellationToken));
    }

    /// <summary>The installed version's query (the ScriptDom check parses it).</summary>
    internal const string InstalledVersionSql = $"""
        IF OBJECT_ID(N'[{Name}].[Schema]', N'U') IS NULL SELECT CAST(NULL AS INT)
        ELSE SELECT MAX([Version]) FROM [{Name}].[Schema]
        """;
}
