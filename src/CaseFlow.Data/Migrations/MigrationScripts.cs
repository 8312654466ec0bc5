using System.Reflection;

namespace CaseFlow.Data.Migrations;

/// <summary>The migration scripts compiled into this assembly from the repository's db/ folder.</summary>
public static class MigrationScripts
{
    /// <summary>The repository folder, and resource prefix, of a provider's scripts.</summary>
    public static string FolderOf(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "db/sqlite/",
        DatabaseProvider.SqlServer => "db/sqlserver/",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>The provider's scripts in number order.</summary>
    public static IReadOnlyList<MigrationScript> For(DatabaseProvider provider)
    {
        var folder = FolderOf(provider);
        var assembly = typeof(MigrationScripts).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(folder, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => new MigrationScript(name, Read(assembly, name)))
            .OrderBy(script => script.Number)
            .ToList();
        CheckUniqueNumbers(scripts);
        return scripts;
    }

    internal static void CheckUniqueNumbers(IEnumerable<MigrationScript> scripts)
    {
        var duplicate = scripts.GroupBy(s => s.Number).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationException(
                $"Migrations {string.Join(" and ", duplicate.Select(s => s.Path))} share the number {duplicate.Key:0000}.");
        }
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} disappeared.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
