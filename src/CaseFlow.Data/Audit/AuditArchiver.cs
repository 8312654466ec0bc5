using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;

namespace CaseFlow.Data.Audit;

/// <summary>How long audit records are kept (网络安全法 Art 21: at least six months).</summary>
public static class AuditRetention
{
    /// <summary>
    /// The least retention CaseFlow accepts, in days. The schema's audit_archives CHECK
    /// (<c>cutoff &lt;= archived_at - 180 days</c>, migration 0009) holds the same number.
    /// </summary>
    public const int MinimumDays = 180;

    /// <summary>A reason when <paramref name="days"/> is below the minimum; null when it is allowed.</summary>
    public static string? Problem(int days) =>
        days < MinimumDays ? $"The audit retention must be at least {MinimumDays} days (网络安全法 Art 21: six months); was {days}." : null;
}

/// <summary>What one archive run did.</summary>
/// <param name="File">The JSON-lines export (null when no row was old enough); its SHA-256 is in <c>File + ".sha256"</c>.</param>
public sealed record AuditArchiveResult(DateTimeOffset Cutoff, int Rows, string? File, string? Sha256);

/// <summary>
/// Moves the audit rows older than the retention out of audit_log: writes them, oldest first, one JSON object a line,
/// to <c>audit-archive-&lt;run&gt;-before-&lt;cutoff&gt;.jsonl</c> with a <c>sha256sum</c>-style checksum file beside it,
/// flushed to disk; then, in one transaction, records the archive in audit_archives, deletes exactly those rows and
/// audits the run (<c>audit.archive</c>). A crash between the file and the commit leaves every row in place.
/// </summary>
public sealed class AuditArchiver(Database database, AuditWriter audit, TimeProvider time)
{
    private const string SelectOld = """
        SELECT id AS Id, at AS At, user_id AS UserId, username AS Username, action AS Action, entity AS Entity,
               entity_id AS EntityId, detail AS Detail, remote_ip AS RemoteIp
        FROM audit_log
        WHERE at < @Cutoff
        ORDER BY id
        """;

    private const string InsertArchive = """
        INSERT INTO audit_archives (archived_at, cutoff, file_name, sha256, row_count, first_id, last_id)
        VALUES (@ArchivedAt, @Cutoff, @FileName, @Sha256, @RowCount, @FirstId, @LastId)
        """;

    private const string DeleteArchived = "DELETE FROM audit_log WHERE at < @Cutoff AND id BETWEEN @FirstId AND @LastId";

    /// <param name="retentionDays">Rows younger than this are kept; at least <see cref="AuditRetention.MinimumDays"/>.</param>
    /// <param name="folder">Where the export file goes (created when missing).</param>
    /// <exception cref="ArgumentOutOfRangeException">The retention is below the minimum.</exception>
    public async Task<AuditArchiveResult> ArchiveAsync(int retentionDays, string folder, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(actor);
        if (AuditRetention.Problem(retentionDays) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(retentionDays), retentionDays, problem);
        }

        var now = Truncate(time.GetUtcNow());
        var cutoff = now.AddDays(-retentionDays);
        var written = await WriteExportAsync(cutoff, now, folder, cancellationToken);

        await database.InTransactionAsync(
            async (connection, transaction) =>
            {
                long? archiveId = null;
                if (written is { } w)
                {
                    archiveId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                        database.Dialect.InsertReturningId(InsertArchive),
                        new { ArchivedAt = now, Cutoff = cutoff, FileName = Path.GetFileName(w.File), w.Sha256, RowCount = (long)w.Rows, w.FirstId, w.LastId },
                        transaction,
                        cancellationToken: cancellationToken));
                    await connection.ExecuteAsync(new CommandDefinition(
                        DeleteArchived, new { Cutoff = cutoff, w.FirstId, w.LastId }, transaction, cancellationToken: cancellationToken));
                }

                await audit.WriteAsync(
                    connection,
                    transaction,
                    actor,
                    "audit.archive",
                    "audit_log",
                    archiveId?.ToString(CultureInfo.InvariantCulture),
                    new { retentionDays, cutoff, rows = written?.Rows ?? 0, file = written is null ? null : Path.GetFileName(written.File), sha256 = written?.Sha256 },
                    cancellationToken);
            },
            cancellationToken);
        return new AuditArchiveResult(cutoff, written?.Rows ?? 0, written?.File, written?.Sha256);
    }

    /// <summary>The SHA-256 (lower-case hex) of a file, as its checksum file states it.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private async Task<Written?> WriteExportAsync(DateTimeOffset cutoff, DateTimeOffset now, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"audit-archive-{now.UtcDateTime:yyyyMMdd-HHmmss}Z-before-{cutoff.UtcDateTime:yyyyMMdd}.jsonl");
        var path = Path.GetFullPath(Path.Combine(folder, name));
        var partial = path + ".partial";
        var rows = 0;
        long first = 0, last = 0;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            // Unbuffered: years of audit rows stream through, one line at a time.
            await foreach (var row in connection.QueryUnbufferedAsync<ArchivedRow>(SelectOld, new { Cutoff = cutoff }).WithCancellation(cancellationToken))
            {
                JsonLine.Write(file, row);
                first = rows == 0 ? row.Id : first;
                last = row.Id;
                rows++;
            }

            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
        }

        if (rows == 0)
        {
            File.Delete(partial);
            return null;
        }

        File.Move(partial, path, overwrite: true);
        var sha256 = await Sha256Async(path, cancellationToken);
        await File.WriteAllTextAsync(path + ".sha256", $"{sha256}  {name}\n", Encoding.ASCII, cancellationToken);
        return new Written(path, sha256, rows, first, last);
    }

    // The schema stores milliseconds; a cutoff with finer ticks would compare differently on the two engines.
    private static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private sealed record Written(string File, string Sha256, int Rows, long FirstId, long LastId);

    private sealed class ArchivedRow
    {
        public long Id { get; init; }

        public DateTimeOffset At { get; init; }

        public long? UserId { get; init; }

        public string? Username { get; init; }

        public string Action { get; init; } = "";

        public string Entity { get; init; } = "";

        public string? EntityId { get; init; }

        public string? Detail { get; init; }

        public string? RemoteIp { get; init; }
    }

    /// <summary>Writes one row as one line of JSON, the detail column as the JSON it already is.</summary>
    private static class JsonLine
    {
        private static readonly JsonWriterOptions Options = new() { Encoder = DbJson.Options.Encoder };

        public static void Write(Stream stream, ArchivedRow row)
        {
            using (var json = new Utf8JsonWriter(stream, Options))
            {
                json.WriteStartObject();
                json.WriteNumber("id", row.Id);
                json.WriteString("at", row.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                if (row.UserId is { } userId)
                {
                    json.WriteNumber("user_id", userId);
                }
                else
                {
                    json.WriteNull("user_id");
                }

                json.WriteString("username", row.Username);
                json.WriteString("action", row.Action);
                json.WriteString("entity", row.Entity);
                json.WriteString("entity_id", row.EntityId);
                json.WritePropertyName("detail");
                if (row.Detail is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteRawValue(row.Detail);
                }

                json.WriteString("remote_ip", row.RemoteIp);
                json.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
        }
    }
}
