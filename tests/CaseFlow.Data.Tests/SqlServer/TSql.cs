using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CaseFlow.Data.Tests.SqlServer;

/// <summary>SQL Server's own T-SQL grammar, at CaseFlow's minimum: SQL Server 2016 (compatibility level 130).</summary>
public static class TSql
{
    /// <summary>The parse errors of one batch, each with its line and column; empty when the batch parses.</summary>
    public static IReadOnlyList<string> ErrorsIn(string batch)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // QUOTED_IDENTIFIER ON, as every SqlClient connection has it.
        var parser = new TSql130Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(batch);
        parser.Parse(reader, out var errors);
        return [.. errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}")];
    }
}
