namespace CaseFlow.Data.Tests.SqlServer;

/// <summary>One statement as the code sent it: during which step, its text, the names of its parameters, what came back.</summary>
public sealed record SentCommand(string Step, string Text, IReadOnlyList<string> Parameters, CommandOutcome Outcome)
{
    public override string ToString() => $"[{Step}] {Text}";
}

/// <summary>What a statement gave the code that sent it.</summary>
public abstract record CommandOutcome;

/// <summary>ExecuteNonQuery: the affected row count.</summary>
public sealed record RowsAffected(int Count) : CommandOutcome;

/// <summary>ExecuteScalar: the first column of the first row (null or DBNull when there was none).</summary>
public sealed record ScalarValue(object? Value) : CommandOutcome;

/// <summary>ExecuteReader: every result set, read to the end.</summary>
public sealed record ResultSets(IReadOnlyList<ResultSet> Sets) : CommandOutcome;

/// <summary>A statement that failed, with the engine's message.</summary>
public sealed record Failed(string Message) : CommandOutcome;

/// <summary>One result set: column names and types as the reader reported them, and every row's values.</summary>
public sealed record ResultSet(IReadOnlyList<string> Names, IReadOnlyList<Type> Types, IReadOnlyList<object?[]> Rows);

/// <summary>The statements sent through <see cref="TapConnection"/>s, in order; <see cref="Step"/> labels the ones that follow.</summary>
public sealed class CommandLog
{
    private readonly List<SentCommand> _commands = [];

    public string Step { get; set; } = "(setup)";

    public IReadOnlyList<SentCommand> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    public void Add(SentCommand command)
    {
        lock (_commands)
        {
            _commands.Add(command);
        }
    }
}
