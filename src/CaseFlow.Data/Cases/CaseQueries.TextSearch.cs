using System.Data.Common;
using Dapper;

namespace CaseFlow.Data.Cases;

/// <summary>
/// The case list's text search (issue 17), served by indexes instead of a comparison with every case of the scope.
/// The text finds three kinds of candidates: the enterprises of the viewer's county whose names contain it (a scan of
/// one county's enterprise names, case-insensitive for Latin letters), the cases whose parties' names start with it
/// (<c>ix_case_parties_name</c>), and the cases whose numbers start with it (<c>ux_cases_number</c>). A name is found
/// from its first character, surname first: a match in the middle of a person's name is not looked for.
/// <para>
/// Each matched enterprise is one branch of the keyset list, its cases read in list order from
/// <c>ix_cases_enterprise_open_urgency</c>; the party and number candidates are one more branch, a bounded set sorted in
/// memory. Every row is still checked against the viewer's visibility and the other filters. Each source is bounded
/// (<see cref="TextEnterpriseLimit"/>, <see cref="TextCandidateLimit"/>); a search that reaches a bound is flagged
/// (<see cref="Page{T}.SearchTooBroad"/>) and shows the first pages of what it found.
/// </para>
/// </summary>
public sealed partial class CaseQueries
{
    /// <summary>The shortest search text, trimmed: one character matches too much of a province to be a search.</summary>
    public const int MinTextLength = 2;

    /// <summary>At most this many enterprises whose names contain the text are searched; more make the search too broad.</summary>
    public const int DefaultTextEnterpriseLimit = 20;

    /// <summary>At most this many parties (and, apart, case numbers) starting with the text are read; more make it too broad.</summary>
    public const int DefaultTextCandidateLimit = 1000;

    /// <summary>The <see cref="DefaultTextEnterpriseLimit"/> in use (smaller in tests).</summary>
    public int TextEnterpriseLimit { get; init; } = DefaultTextEnterpriseLimit;

    /// <summary>The <see cref="DefaultTextCandidateLimit"/> in use (smaller in tests).</summary>
    public int TextCandidateLimit { get; init; } = DefaultTextCandidateLimit;

    private const string PartyFrom = "FROM case_parties AS p WHERE p.name LIKE @TextPrefix ESCAPE '\\'";

    private string NumberFrom =>
        $"FROM cases AS n WHERE ({_dialect.StartsWith("n.number", "@TextNumber")} OR {_dialect.StartsWith("n.number", "@TextNumberUpper")})";

    /// <summary>The statements of <see cref="SearchTextAsync"/>; exposed to the plan tests.</summary>
    internal string TextLookupSql => $"""
        SELECT e.id FROM org_units AS u JOIN enterprises AS e ON e.unit_id = u.id
        WHERE {_dialect.SubtreeCondition("u.path", "@TextCounty")} AND e.name LIKE @TextContains ESCAPE '\'
        ORDER BY e.id
        {_dialect.Paging("0", "@TextEnterpriseProbe")};
        {_dialect.CappedCount(PartyFrom, "@TextScanProbe")};
        {_dialect.CappedCount(NumberFrom, "@TextScanProbe")};
        """;

    /// <summary>
    /// Looks the search text up (one round trip): the matching enterprises of the viewer's county, and how many parties and
    /// case numbers start with it (each count stopping above its bound). Null when the filter has no text.
    /// </summary>
    internal async Task<TextSearch?> SearchTextAsync(DbConnection connection, CaseFilter filter, CaseViewer viewer, DynamicParameters args, CancellationToken ct)
    {
        var text = SearchText(filter);
        if (text is null)
        {
            return null;
        }

        if (text.Length < MinTextLength)
        {
            throw new ArgumentException($"A search text has at least {MinTextLength} characters.", nameof(filter));
        }

        args.Add("TextCounty", _dialect.SubtreePattern(CountyPathOf(viewer.ScopePath)));
        args.Add("TextContains", "%" + EscapeLike(text) + "%");
        args.Add("TextPrefix", EscapeLike(text) + "%");
        args.Add("TextNumber", _dialect.StartsWithPattern(text));
        args.Add("TextNumberUpper", _dialect.StartsWithPattern(text.ToUpperInvariant()));
        args.Add("TextEnterpriseProbe", TextEnterpriseLimit + 1);
        args.Add("TextScan", TextCandidateLimit);
        args.Add("TextScanProbe", TextCandidateLimit + 1);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(TextLookupSql, args, cancellationToken: ct));
        var enterprises = (await grid.ReadAsync<long>()).ToList();
        var parties = await grid.ReadSingleAsync<long>();
        var numbers = await grid.ReadSingleAsync<long>();

        // Only the sources that matched are read again by the list, each no further than its bound, in its index's order
        // (so the same candidates are read each time when a bound is reached).
        var sources = new List<string>();
        if (parties > 0)
        {
            sources.Add($"SELECT p.case_id AS id {PartyFrom} ORDER BY p.name, p.case_id {_dialect.Paging("0", "@TextScan")}");
        }

        if (numbers > 0)
        {
            sources.Add($"SELECT n.id AS id {NumberFrom} ORDER BY n.number {_dialect.Paging("0", "@TextScan")}");
        }

        // The candidates' ids, each once: a table that drives the list (see TextBranches).
        var ids = sources.Count switch
        {
            0 => null,
            1 => $"SELECT DISTINCT a.id FROM ({sources[0]}) AS a",
            _ => $"SELECT a.id FROM ({sources[0]}) AS a UNION SELECT b.id FROM ({sources[1]}) AS b",
        };
        return new TextSearch(
            [.. enterprises.Take(TextEnterpriseLimit)],
            ids,
            enterprises.Count > TextEnterpriseLimit || parties > TextCandidateLimit || numbers > TextCandidateLimit);
    }

    /// <summary>
    /// The branches of a text search's list (see the class summary), disjoint so that their counts add up: a case of a
    /// matched enterprise is its enterprise's, never the candidates' too. Binds their parameters.
    /// </summary>
    private List<ListBranch> TextBranches(TextSearch search, DynamicParameters args)
    {
        var sees = CaseVisibility.Sees(_dialect);
        var branches = new List<ListBranch>();
        for (var i = 0; i < search.Enterprises.Count; i++)
        {
            args.Add(Invariant($"TextEnterprise{i}"), search.Enterprises[i]);
            branches.Add(new ListBranch(CasesFirst, Invariant($"c.enterprise_id = @TextEnterprise{i} AND u.id = c.unit_id AND {sees}")));
        }

        if (search.CandidateIds is { } ids)
        {
            // The candidates (at most two bounds' worth) drive the read, one case by its key each, read once and sorted in
            // memory: walked from a case index in list order instead, SQLite would read every open case of the colour to
            // find a few, segment after segment.
            args.Add("TextEnterprises", search.Enterprises.ToArray());
            var notMatched = search.Enterprises.Count == 0 ? "" : " AND (c.enterprise_id IS NULL OR c.enterprise_id NOT IN @TextEnterprises)";
            branches.Add(new ListBranch(
                $"({ids}) AS k CROSS JOIN cases AS c CROSS JOIN org_units AS u", $"c.id = k.id{notMatched} AND u.id = c.unit_id AND {sees}", Bounded: true));
        }

        return branches;
    }

    /// <summary>The search as one condition over <c>c</c> (for the list by page number), after <see cref="TextBranches"/> bound its parameters.</summary>
    private static string TextCondition(TextSearch search)
    {
        var terms = search.Enterprises.Select((_, i) => Invariant($"c.enterprise_id = @TextEnterprise{i}")).ToList();
        if (search.CandidateIds is { } ids)
        {
            terms.Add($"c.id IN ({ids})");
        }

        return terms.Count == 0 ? " AND 1 = 0" : $" AND ({string.Join(" OR ", terms)})";
    }

    /// <summary>The trimmed search text of the filter, or null; a party-number search ignores it.</summary>
    private static string? SearchText(CaseFilter filter) =>
        filter.PartyNumberHash is null && !string.IsNullOrWhiteSpace(filter.Text) ? filter.Text.Trim() : null;

    /// <summary>The county of a scope ('/1/5/' → '/1/'); the system's scope '/' stays every unit.</summary>
    private static string CountyPathOf(string scopePath)
    {
        var second = scopePath.IndexOf('/', 1);
        return second < 0 ? scopePath : scopePath[..(second + 1)];
    }

    /// <summary>
    /// What a search text matched: the enterprises; the party and number candidates as a query of distinct case ids
    /// (<c>id</c>; null when none matched); whether a bound was reached.
    /// </summary>
    internal sealed record TextSearch(IReadOnlyList<long> Enterprises, string? CandidateIds, bool TooBroad);
}
