using System.CommandLine;
using CaseFlow.Data;

namespace CaseFlow.Cli.Commands;

/// <summary>
/// <c>--provider</c> and <c>--connection</c>, shared by every command that touches a database. Without them the
/// command uses the embedded SQLite file the web host uses when started from the repository root.
/// </summary>
internal sealed class DatabaseArguments
{
    public Option<DatabaseProvider> Provider { get; } = new("--provider")
    {
        Description = "sqlite (the embedded default) or sqlserver.",
        HelpName = "sqlite|sqlserver",
        DefaultValueFactory = _ => DatabaseProvider.Sqlite,
    };

    public Option<string?> Connection { get; } = new("--connection", "-c")
    {
        Description = "The connection string; for SQLite also just a file path. Default: ./data/caseflow.db.",
    };

    public Option<string?> Settings { get; } = new("--settings")
    {
        Description = "The web host's settings file (appsettings.json): its Grading and TimeLimits sections apply here as they do in the host. Default: $" + CliSettings.EnvironmentVariable + ", else the built-in defaults.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Provider);
        command.Options.Add(Connection);
        command.Options.Add(Settings);
    }

    /// <summary>The grading and time-limit settings: --settings, else $CASEFLOW_SETTINGS, plus the host's environment variables.</summary>
    public CliSettings SettingsFor(CliContext context)
    {
        var path = context.Result.GetValue(Settings);
        if (path is null && context.Environment.Variables.TryGetValue(CliSettings.EnvironmentVariable, out var fromEnvironment)
            && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            path = fromEnvironment;
        }

        return CliSettings.Load(path, context.Environment.Variables);
    }

    public DatabaseOptions Options(ParseResult result)
    {
        var provider = result.GetValue(Provider);
        var connection = result.GetValue(Connection);
        if (provider == DatabaseProvider.Sqlite && connection is not null && !connection.Contains('=', StringComparison.Ordinal))
        {
            connection = $"Data Source={connection}";
        }

        return new DatabaseOptions { Provider = provider, ConnectionString = connection };
    }

    /// <summary>The data services on the chosen database.</summary>
    public CliServices Services(CliContext context) => new(Options(context.Result), context.Environment, SettingsFor(context));
}
