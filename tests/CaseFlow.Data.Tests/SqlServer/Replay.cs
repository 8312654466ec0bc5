namespace CaseFlow.Data.Tests.SqlServer;

/// <summary>
/// Answers the statements of a SQL Server run with what the same statements, in the same order, returned in a SQLite
/// run of the same code. The data layer sends the same statements on both engines, only rendered by another dialect,
/// so the SQL Server run takes exactly the SQLite run's path and its statements are the ones a server would get.
/// </summary>
public sealed class Replay(IReadOnlyList<SentCommand> recorded)
{
    private int _next;

    /// <summary>Recorded statements the SQL Server run has not asked for (SQLite-only ones aside).</summary>
    public IReadOnlyList<SentCommand> Unused
    {
        get
        {
            SkipSqliteOnly();
            return [.. recorded.Skip(_next)];
        }
    }

    public CommandOutcome Respond(TapCommand command, TapConnection.CommandKind kind)
    {
        ArgumentNullException.ThrowIfNull(command);
        SkipSqliteOnly();
        if (_next >= recorded.Count)
        {
            throw new InvalidOperationException($"The SQL Server run sent a statement the SQLite run did not:\n{command.CommandText}");
        }

        var original = recorded[_next++];
        if (!Fits(original.Outcome, kind) || !original.Parameters.SequenceEqual(command.ParameterNames, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"The runs parted at statement {_next} ({original.Step}).\nSQLite ({string.Join(", ", original.Parameters)}):\n{original.Text}\n" +
                $"SQL Server ({string.Join(", ", command.ParameterNames)}):\n{command.CommandText}");
        }

        return original.Outcome;
    }

    /// <summary>Statements only SQLite needs: pragmas, and releasing a savepoint (SQL Server keeps them to the end).</summary>
    public static bool IsSqliteOnly(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimStart();
        return trimmed.StartsWith("PRAGMA ", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("RELEASE SAVEPOINT ", StringComparison.OrdinalIgnoreCase);
    }

    private static bool Fits(CommandOutcome outcome, TapConnection.CommandKind kind) => outcome switch
    {
        RowsAffected => kind == TapConnection.CommandKind.NonQuery,
        ScalarValue => kind == TapConnection.CommandKind.Scalar,
        ResultSets => kind == TapConnection.CommandKind.Reader,
        _ => true,
    };

    private void SkipSqliteOnly()
    {
        while (_next < recorded.Count && IsSqliteOnly(recorded[_next].Text))
        {
            _next++;
        }
    }
}
