using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CaseFlow.Data.Migrations;

/// <summary>One forward-only migration, <c>db/&lt;dialect&gt;/NNNN_verb_noun.sql</c>.</summary>
public sealed partial class MigrationScript
{
    public MigrationScript(string path, string sql)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(sql);
        FileName = System.IO.Path.GetFileName(path);
        var match = FileNamePattern().Match(FileName);
        if (!match.Success)
        {
            throw new ArgumentException($"Migration '{path}' is not named NNNN_verb_noun.sql.", nameof(path));
        }

        Path = path;
        Number = int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        Name = match.Groups["name"].Value;
        Sql = Normalize(sql);
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
    }

    public int Number { get; }

    /// <summary>The name after the number, e.g. <c>create_schema</c>.</summary>
    public string Name { get; }

    /// <summary>E.g. <c>0001_create_schema.sql</c>.</summary>
    public string FileName { get; }

    /// <summary>Where the script lives in the repository, e.g. <c>db/sqlite/0001_create_schema.sql</c>.</summary>
    public string Path { get; }

    /// <summary>The script with a byte-order mark removed and line endings made LF.</summary>
    public string Sql { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Sql"/>: a checkout with CRLF line endings hashes the same.</summary>
    public string Sha256 { get; }

    public override string ToString() => Path;

    private static string Normalize(string sql) => sql.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<number>[0-9]{4})_(?<name>[a-z][a-z0-9_]*)\.sql$")]
    private static partial Regex FileNamePattern();
}
