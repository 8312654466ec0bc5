using System.Globalization;

namespace CaseFlow.Data.Backups;

/// <summary>A verified backup in a <see cref="BackupFolder"/>, with the instant its name records.</summary>
public sealed record BackupFile(string Path, DateTimeOffset TakenAt, long Bytes);

/// <summary>
/// The folder the nightly backups go to: one file per run, <c>caseflow-YYYYMMDD-HHMMSSZ.db</c> (UTC), written by
/// <see cref="SqliteBackup.BackupAsync"/>, which gives a file its name only once it verified. The newest is the last
/// good backup; after each run all but the newest <c>keep</c> are deleted.
/// </summary>
public sealed class BackupFolder(string folder)
{
    private const string Prefix = "caseflow-";
    private const string Extension = ".db";
    private const string Stamp = "yyyyMMdd-HHmmss";

    public string Folder { get; } = System.IO.Path.GetFullPath(folder);

    /// <summary>The file name for a backup taken at <paramref name="at"/>.</summary>
    public string PathFor(DateTimeOffset at) =>
        System.IO.Path.Combine(Folder, Prefix + at.UtcDateTime.ToString(Stamp, CultureInfo.InvariantCulture) + "Z" + Extension);

    /// <summary>The backups, newest first; files of other names are not ours and are left out.</summary>
    public IReadOnlyList<BackupFile> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var files = new List<BackupFile>();
        foreach (var path in Directory.EnumerateFiles(Folder, Prefix + "*Z" + Extension))
        {
            var name = System.IO.Path.GetFileName(path);
            var stamp = name[Prefix.Length..^(Extension.Length + 1)];
            if (DateTime.TryParseExact(stamp, Stamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                files.Add(new BackupFile(path, new DateTimeOffset(at, TimeSpan.Zero), new FileInfo(path).Length));
            }
        }

        return [.. files.OrderByDescending(f => f.TakenAt)];
    }

    /// <summary>The newest backup; null when there is none.</summary>
    public BackupFile? Latest() => List() is [var newest, ..] ? newest : null;

    /// <summary>Deletes all but the newest <paramref name="keep"/> backups; returns the deleted paths.</summary>
    public IReadOnlyList<string> Prune(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var old = List().Skip(keep).Select(f => f.Path).ToList();
        foreach (var path in old)
        {
            File.Delete(path);
        }

        return old;
    }
}
