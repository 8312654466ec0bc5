using System.Text;
using System.Text.RegularExpressions;

namespace CaseFlow.Data.Tests.SqlServer;

/// <summary>A string literal in the product's source that holds SQL, with the fixed text between its interpolation holes.</summary>
public sealed record SqlLiteral(string File, int Line, string Text, IReadOnlyList<string> Fragments)
{
    public override string ToString() => $"{File}:{Line}: {SqlLiterals.Normalize(Text)}";
}

/// <summary>Finds the SQL string literals of C# source files, and tells whether a statement text contains a literal's fixed parts.</summary>
public static partial class SqlLiterals
{
    /// <summary>The repository root, found from the test assembly's folder.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CaseFlow.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("CaseFlow.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The SQL literals of every .cs file under <paramref name="folder"/> (paths relative to <paramref name="root"/>).</summary>
    public static IReadOnlyList<SqlLiteral> In(string root, string folder, Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        var found = new List<SqlLiteral>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal) || !include(relative))
            {
                continue;
            }

            found.AddRange(Of(relative, File.ReadAllText(path)));
        }

        return found;
    }

    /// <summary>Whitespace runs as one space, and Dapper's expansion of a list parameter (<c>IN (@Ids1,@Ids2)</c>) back to <c>IN @Ids</c>.</summary>
    public static string Normalize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var collapsed = Whitespace().Replace(sql, " ").Trim();
        return ExpandedList().Replace(collapsed, m => "@" + m.Groups[1].Value);
    }

    /// <summary>True when every fixed fragment of <paramref name="literal"/> occurs in one of the normalised statements.</summary>
    public static bool IsIn(SqlLiteral literal, IEnumerable<string> normalizedStatements)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return normalizedStatements.Any(s => literal.Fragments.All(f => s.Contains(f, StringComparison.Ordinal)));
    }

    private static IEnumerable<SqlLiteral> Of(string file, string source)
    {
        var rest = new StringBuilder(source);
        foreach (Match m in RawLiteral().Matches(source))
        {
            var literal = Literal(file, source, m.Index, m.Groups["dollar"].Length > 0, m.Groups["body"].Value);
            if (literal is not null)
            {
                yield return literal;
            }

            // Blank the raw literal so its quotes are not read as ordinary literals; newlines stay for the line numbers.
            for (var i = m.Index; i < m.Index + m.Length; i++)
            {
                if (rest[i] != '\n')
                {
                    rest[i] = ' ';
                }
            }
        }

        var withoutRaw = rest.ToString();
        foreach (Match m in PlainLiteral().Matches(withoutRaw))
        {
            var literal = Literal(file, withoutRaw, m.Index, m.Groups["dollar"].Length > 0, Unescape(m.Groups["body"].Value));
            if (literal is not null)
            {
                yield return literal;
            }
        }
    }

    /// <summary>Undoes a C# regular string literal's escapes; an escape it does not know (a regex's \\w) keeps its character.</summary>
    private static string Unescape(string body)
    {
        var text = new System.Text.StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 1 < body.Length)
            {
                i++;
                text.Append(body[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var c => c });
            }
            else
            {
                text.Append(body[i]);
            }
        }

        return text.ToString();
    }

    private static SqlLiteral? Literal(string file, string source, int index, bool interpolated, string body)
    {
        if (!SqlWord().IsMatch(body))
        {
            return null;
        }

        var line = source.AsSpan(0, index).Count('\n') + 1;
        var parts = interpolated ? BetweenHoles(body) : [body];
        var fragments = parts.Select(Normalize).Where(p => p.Count(char.IsLetter) >= 3).ToList();
        return fragments.Count == 0 ? null : new SqlLiteral(file, line, body, fragments);
    }

    /// <summary>The text outside the <c>{…}</c> holes of an interpolated string (holes may nest braces and strings).</summary>
    private static List<string> BetweenHoles(string body)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        foreach (var c in body)
        {
            if (c == '{')
            {
                if (depth++ == 0)
                {
                    parts.Add(current.ToString());
                    current.Clear();
                }
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }

    [GeneratedRegex("""(?<dollar>\$*)"{3,}(?<body>.*?)"{3,}""", RegexOptions.Singleline)]
    private static partial Regex RawLiteral();

    [GeneratedRegex(@"(?<dollar>\$?)""(?<body>(?:[^""\\\n]|\\.)*)""")]
    private static partial Regex PlainLiteral();

    // Upper-case SQL words, as CaseFlow writes its SQL; messages and comments rarely shout them.
    [GeneratedRegex(@"\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|MERGE|WHERE|AND|ORDER BY|GROUP BY|OFFSET|EXEC|SAVE TRANSACTION|ROLLBACK TRANSACTION|CREATE TABLE)\b")]
    private static partial Regex SqlWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\(\s*@([A-Za-z_]+)\d+(?:\s*,\s*@\1\d+)*\s*\)")]
    private static partial Regex ExpandedList();
}
