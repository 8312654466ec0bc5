using CaseFlow.Data.Cases;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Deadlines;

/// <summary>What a re-grading run did.</summary>
/// <param name="Checked">Open cases in mediation below red that were graded again.</param>
/// <param name="Raised">Cases whose colour rose: RiskRaised fired (an orange or red case jumps to its level).</param>
/// <param name="Conflicts">Cases a user changed meanwhile; the next run grades them again.</param>
public sealed record RegradeResult(int Checked, int Raised, int Conflicts);

/// <summary>
/// The nightly re-grading (DESIGN §4 RiskRaised): grades every open case in mediation again with the current
/// rules and, where the colour rose, fires RiskRaised as the system through the case handler.
/// </summary>
public sealed class OpenCaseRegrader(Database database, CaseStore store, CaseCommands commands)
{
    private static readonly string[] InMediation =
    [
        nameof(CaseState.Level1AwaitingAcceptance), nameof(CaseState.Level1InMediation),
        nameof(CaseState.Level2AwaitingAcceptance), nameof(CaseState.Level2InMediation),
        nameof(CaseState.Level3AwaitingAcceptance), nameof(CaseState.Level3InMediation),
    ];

    private readonly SqlDialect _dialect = database.Dialect;

    public async Task<RegradeResult> RegradeAsync(int pageSize = 500, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var page = $"""
            SELECT id FROM cases
            WHERE id > @After AND state IN @States AND (risk_color IS NULL OR risk_color < 3)
            ORDER BY id
            {_dialect.Paging("0", "@Limit")}
            """;
        int seen = 0, raised = 0, conflicts = 0;
        long after = 0;
        while (true)
        {
            List<long> ids;
            await using (var connection = await database.OpenAsync(ct))
            {
                ids = (await connection.QueryAsync<long>(new CommandDefinition(
                    page, new { After = after, States = InMediation, Limit = pageSize }, cancellationToken: ct))).AsList();
            }

            foreach (var id in ids)
            {
                seen++;
                switch (await RegradeOneAsync(id, ct))
                {
                    case true:
                        raised++;
                        break;
                    case null:
                        conflicts++;
                        break;
                }
            }

            if (ids.Count < pageSize)
            {
                return new RegradeResult(seen, raised, conflicts);
            }

            after = ids[^1];
        }
    }

    /// <returns>True when the colour rose and was recorded, false when it did not rise, null on a conflict.</returns>
    private async Task<bool?> RegradeOneAsync(long id, CancellationToken ct)
    {
        DisputeCase? c;
        await using (var connection = await database.OpenAsync(ct))
        {
            c = await store.LoadAsync(connection, null, id, CaseActor.System.ScopePath, ct);
        }

        // Grading outside the write first: most cases keep their colour, and a write would bump their version.
        if (c is null || !Rose(c, commands.Regrade(c).Color))
        {
            return false;
        }

        try
        {
            await commands.ActAsync(
                id, c.Version, CaseActor.System,
                (loaded, routing, ctx) => loaded.RaiseRisk(commands.Regrade(loaded), routing, ctx),
                "重新评级：风险等级上升",
                ct);
            return true;
        }
        catch (CaseConcurrencyException)
        {
            return null;
        }
    }

    private static bool Rose(DisputeCase c, RiskColor now) => c.RiskColor is not { } before || now > before;
}
