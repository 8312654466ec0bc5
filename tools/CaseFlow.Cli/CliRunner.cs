using System.CommandLine;
using System.Data.Common;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Migrations;

namespace CaseFlow.Cli;

/// <summary>A failure the user can act on, reported as its message alone.</summary>
internal sealed class CliFailure(string message) : Exception(message);

/// <summary>A command's view of its invocation: where to write, the environment and cancellation.</summary>
internal sealed class CliContext(ParseResult result, CliEnvironment environment, CancellationToken cancellation)
{
    public ParseResult Result => result;

    public TextWriter Output => result.InvocationConfiguration.Output;

    public TextWriter Error => result.InvocationConfiguration.Error;

    public CliEnvironment Environment => environment;

    public CancellationToken Cancellation => cancellation;

    public T? Value<T>(Option<T> option) => result.GetValue(option);

    public T? Value<T>(Argument<T> argument) => result.GetValue(argument);
}

/// <summary>Runs a command's work: exit code 0 on success, 1 with one line on standard error on failure, never a stack trace.</summary>
internal static class CliRunner
{
    public static void SetAction(this Command command, CliEnvironment environment, Func<CliContext, Task<int>> work) =>
        command.SetAction((result, ct) => RunAsync(new CliContext(result, environment, ct), work));

    public static async Task<int> RunAsync(CliContext context, Func<CliContext, Task<int>> work)
    {
        try
        {
            return await work(context);
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("Cancelled.");
            return 130;
        }
#pragma warning disable CA1031 // The top of a command: whatever went wrong becomes one line and exit code 1.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await context.Error.WriteLineAsync(OneLine(e));
            return 1;
        }
    }

    /// <summary>The message's first line; prefixed with the exception's type when it is not one of the expected kinds.</summary>
    public static string OneLine(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = e.Message.Split('\n')[0].TrimEnd('\r');
        var expected = e is CliFailure or CaseFlow.Data.Backups.BackupException or DbException or MigrationException or IOException or UnauthorizedAccessException
            or ArgumentException or InvalidOperationException or FormatException or CaseRegistrationException
            or CsvHelper.CsvHelperException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException;
        return expected ? message : $"{e.GetType().Name}: {message}";
    }
}
