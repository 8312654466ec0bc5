using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Domain.Calendar;
using Dapper;

namespace CaseFlow.Data.Calendars;

/// <summary>A loaded year: how many days it lists, its version (bumped on every change) and who loaded it when.</summary>
public sealed record CalendarYearInfo(int Year, int Version, int DayCount, string? Source, DateTimeOffset LoadedAt, string? LoadedBy);

/// <summary>The calendar as the database holds it now, and the number that changes whenever any year does.</summary>
public sealed record CalendarSnapshot(WorkingCalendar Calendar, long Version, IReadOnlyList<int> Years)
{
    public static CalendarSnapshot Empty { get; } = new(WorkingCalendar.Empty, 0, []);
}

/// <summary>What loading a year's file did.</summary>
/// <param name="Changed">False when the year already held exactly these days: nothing was written, the version stays.</param>
public sealed record CalendarImportResult(int Year, int Version, int DayCount, bool Changed, bool WasLoaded);

/// <summary>
/// The yearly calendars (DESIGN §6, §9): calendar_days holds the listed days, calendar_years the loaded years and
/// their versions. A year is replaced as a whole in one transaction with its audit row.
/// </summary>
public sealed class CalendarStore(Database database, TimeProvider time)
{
    /// <summary>Every loaded year's days, as one calendar, with the version they were read at.</summary>
    public async Task<CalendarSnapshot> LoadAsync(CancellationToken ct = default)
    {
        const string sql = """
            SELECT COALESCE(SUM(version), 0) FROM calendar_years;
            SELECT year FROM calendar_years ORDER BY year;
            SELECT date AS Date, is_off_day AS IsOffDay, name AS Name FROM calendar_days ORDER BY date;
            """;
        await using var connection = await database.OpenAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, cancellationToken: ct));
        var version = await grid.ReadSingleAsync<long>();
        var years = (await grid.ReadAsync<int>()).AsList();
        var loaded = years.ToHashSet();
        var days = (await grid.ReadAsync<StoredDay>())
            .Where(d => loaded.Contains(d.Date.Year))
            .Select(d => new CalendarDay(d.Date, d.IsOffDay, d.Name ?? ""));
        return new CalendarSnapshot(WorkingCalendar.From(days).WithYears(years), version, years);
    }

    /// <summary>The number that changes whenever a year is loaded or changed: the sum of the years' versions.</summary>
    public async Task<long> VersionAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(SUM(version), 0) FROM calendar_years", cancellationToken: ct));
    }

    public async Task<IReadOnlyList<CalendarYearInfo>> ListYearsAsync(CancellationToken ct = default)
    {
        const string sql = """
            SELECT year AS Year, version AS Version, day_count AS DayCount, source AS Source, loaded_at AS LoadedAt, loaded_by AS LoadedBy
            FROM calendar_years ORDER BY year
            """;
        await using var connection = await database.OpenAsync(ct);
        return [.. (await connection.QueryAsync<StoredYear>(new CommandDefinition(sql, cancellationToken: ct))).Select(y => y.ToInfo())];
    }

    /// <summary>The listed days of <paramref name="year"/>, in date order; empty when the year is not loaded.</summary>
    public async Task<IReadOnlyList<CalendarDay>> DaysAsync(int year, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await DaysAsync(connection, null, year, ct);
    }

    /// <summary>
    /// Replaces <paramref name="year"/> with <paramref name="days"/> (already checked by <see cref="CalendarYearFile"/>)
    /// and audits it, in one transaction. Loading the same days again changes nothing.
    /// </summary>
    public Task<CalendarImportResult> ImportAsync(
        int year, IReadOnlyList<CalendarDay> days, string? source, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(actor);
        if (days.Any(d => d.Date.Year != year))
        {
            throw new ArgumentException($"Every day must lie in {year}.", nameof(days));
        }

        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var before = await DaysAsync(connection, transaction, year, ct);
            var info = (await connection.QuerySingleOrDefaultAsync<StoredYear>(new CommandDefinition(
                """
                SELECT year AS Year, version AS Version, day_count AS DayCount, source AS Source, loaded_at AS LoadedAt, loaded_by AS LoadedBy
                FROM calendar_years WHERE year = @Year
                """,
                new { Year = year }, transaction, cancellationToken: ct)))?.ToInfo();
            var ordered = days.OrderBy(d => d.Date).ToList();
            if (info is not null && before.SequenceEqual(ordered))
            {
                return new CalendarImportResult(year, info.Version, ordered.Count, Changed: false, WasLoaded: true);
            }

            var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM calendar_days WHERE date >= @First AND date <= @Last", new { First = first, Last = last }, transaction, cancellationToken: ct));
            var rows = RowWriter.Dapper(connection, transaction);
            await rows.ExecuteEachAsync(
                "INSERT INTO calendar_days (date, is_off_day, name) VALUES (@Date, @IsOffDay, @Name)",
                ordered.Select(d => new StoredDay { Date = d.Date, IsOffDay = d.IsOffDay, Name = d.Name }),
                ct);
            var now = time.GetUtcNow();
            var version = (info?.Version ?? 0) + 1;
            var row = new YearRow(year, version, ordered.Count, Truncate(source, 200), now, Truncate(actor.Username, 64));
            if (info is null)
            {
                await rows.ExecuteAsync(
                    """
                    INSERT INTO calendar_years (year, version, day_count, source, loaded_at, loaded_by)
                    VALUES (@Year, @Version, @DayCount, @Source, @LoadedAt, @LoadedBy)
                    """,
                    row, ct);
            }
            else
            {
                await rows.ExecuteAsync(
                    """
                    UPDATE calendar_years SET version = @Version, day_count = @DayCount, source = @Source, loaded_at = @LoadedAt, loaded_by = @LoadedBy
                    WHERE year = @Year
                    """,
                    row, ct);
            }

            await new AuditWriter(database, time).WriteAsync(
                connection, transaction, actor, info is null ? "calendar.load_year" : "calendar.change_year", "calendar_year",
                year.ToString(CultureInfo.InvariantCulture),
                new { version, days = ordered.Count, source, offDays = ordered.Count(d => d.IsOffDay), makeUpDays = ordered.Count(d => !d.IsOffDay) },
                ct);
            return new CalendarImportResult(year, version, ordered.Count, Changed: true, WasLoaded: info is not null);
        }, ct);
    }

    private static async Task<IReadOnlyList<CalendarDay>> DaysAsync(DbConnection connection, DbTransaction? transaction, int year, CancellationToken ct)
    {
        var days = await connection.QueryAsync<StoredDay>(new CommandDefinition(
            "SELECT date AS Date, is_off_day AS IsOffDay, name AS Name FROM calendar_days WHERE date >= @First AND date <= @Last ORDER BY date",
            new { First = new DateOnly(year, 1, 1), Last = new DateOnly(year, 12, 31) }, transaction, cancellationToken: ct));
        return [.. days.Select(d => new CalendarDay(d.Date, d.IsOffDay, d.Name ?? ""))];
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private sealed record YearRow(int Year, int Version, int DayCount, string? Source, DateTimeOffset LoadedAt, string? LoadedBy);

    private sealed class StoredYear
    {
        public int Year { get; init; }

        public int Version { get; init; }

        public int DayCount { get; init; }

        public string? Source { get; init; }

        public DateTimeOffset LoadedAt { get; init; }

        public string? LoadedBy { get; init; }

        public CalendarYearInfo ToInfo() => new(Year, Version, DayCount, Source, LoadedAt, LoadedBy);
    }

    private sealed class StoredDay
    {
        public DateOnly Date { get; init; }

        public bool IsOffDay { get; init; }

        public string? Name { get; init; }
    }
}
