using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Bench;

/// <summary>What a cached seed was made with and how fast it was made (M9's figure when the cache is reused).</summary>
public sealed record CachedSeed(string Key, int Cases, double CasesPerSecond, double Seconds, string SeededAt, long Bytes);

/// <summary>
/// The full run's seeded database (a million cases, ~4 minutes of <c>caseflow seed</c>), kept between runs: one entry
/// per key, the key a hash of the SQLite migrations, the source of everything that writes the seed (Domain, Data,
/// Synthetic, the CLI) and the seed's arguments. A changed migration or seeding code makes a new key, and the entry of
/// the same size made by other code is deleted. A run restores a copy, so what the benchmark writes (its users, the
/// audit of its requests) never reaches the cache.
/// </summary>
public sealed class SeedCache(string folder)
{
    private static readonly string[] SeedingSources = ["src/CaseFlow.Domain", "src/CaseFlow.Data", "src/CaseFlow.Synthetic", "tools/CaseFlow.Cli"];

    public string Folder { get; } = folder;

    public static string DefaultFolder => Path.Combine(Path.GetTempPath(), "caseflow-bench-seed-cache");

    /// <summary>The key of a seed of <paramref name="arguments"/> made by the code under <paramref name="root"/>.</summary>
    public static string Key(string root, string arguments)
    {
        ArgumentNullException.ThrowIfNull(root);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        Add("caseflow-bench-seed v1");
        Add(arguments);
        var files = Directory.EnumerateFiles(Path.Combine(root, "db", "sqlite"), "*.sql")
            .Concat(SeedingSources.SelectMany(s => Directory.EnumerateFiles(Path.Combine(root, s), "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".sql", StringComparison.Ordinal))
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            Add(file);
            hash.AppendData(File.ReadAllBytes(Path.Combine(root, file)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Copies the cached database of <paramref name="key"/> to <paramref name="target"/>; null when there is none.</summary>
    public async Task<CachedSeed?> TryRestoreAsync(string key, string target)
    {
        var entry = Path.Combine(Folder, key);
        var meta = Path.Combine(entry, "seed.json");
        var file = Path.Combine(entry, "bench.db");
        if (!File.Exists(meta) || !File.Exists(file))
        {
            return null;
        }

        var seed = JsonSerializer.Deserialize<CachedSeed>(await File.ReadAllTextAsync(meta));
        if (seed is null || seed.Key != key || new FileInfo(file).Length != seed.Bytes)
        {
            return null;
        }

        CaseFlow.Data.Database.ReleaseAllConnections();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(target + suffix);
        }

        File.Copy(file, target);
        return seed;
    }

    /// <summary>Keeps <paramref name="source"/> (its WAL checkpointed into it first) as the entry of <paramref name="key"/>.</summary>
    public async Task StoreAsync(string key, string source, int cases, double casesPerSecond, double seconds, DateTimeOffset seededAt)
    {
        await using (var connection = new SqliteConnection($"Data Source={source}"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }

        CaseFlow.Data.Database.ReleaseAllConnections();
        Directory.CreateDirectory(Folder);
        foreach (var other in Directory.EnumerateDirectories(Folder))
        {
            var otherMeta = Path.Combine(other, "seed.json");
            var same = File.Exists(otherMeta) && JsonSerializer.Deserialize<CachedSeed>(await File.ReadAllTextAsync(otherMeta)) is { } o && o.Cases == cases;
            if (same || !File.Exists(otherMeta))
            {
                Directory.Delete(other, recursive: true);
            }
        }

        var entry = Path.Combine(Folder, key);
        Directory.CreateDirectory(entry);
        var file = Path.Combine(entry, "bench.db");
        File.Copy(source, file + ".part", overwrite: true);
        File.Move(file + ".part", file, overwrite: true);
        var seed = new CachedSeed(key, cases, casesPerSecond, seconds, seededAt.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture), new FileInfo(file).Length);
        await File.WriteAllTextAsync(Path.Combine(entry, "seed.json"), JsonSerializer.Serialize(seed));
    }
}
