using CaseFlow.Cli.Tests.Infrastructure;
using CaseFlow.Data.Backups;

namespace CaseFlow.Cli.Tests.Commands;

public sealed class BackupCommandsTests : IDisposable
{
    private readonly CliDatabase _db = new CliDatabase().WithCounty();

    [Fact]
    public void Backup_ThenRestoreIntoAFreshFolder_ReportsTheCasesAndKeepsNothingAside()
    {
        var copy = _db.Path("copy.db");
        var fresh = _db.Path(Path.Combine("fresh", "caseflow.db"));

        var backup = _db.Run("db", "backup", "--out", copy);
        var restore = CliRun.In(_db.Environment(), "db", "restore", copy, "--connection", fresh);

        backup.ExitCode.Should().Be(0, backup.Error);
        backup.Output.Should().StartWith($"backed up to {copy}: 0 cases, last event none, schema ").And.Contain("integrity ok");
        restore.ExitCode.Should().Be(0, restore.Error);
        restore.Output.Should().Contain($"restored {fresh}: 0 cases").And.Contain("there was no database to replace");
        File.Exists(fresh).Should().BeTrue();
    }

    [Fact]
    public void Restore_OverTheDatabase_KeepsTheReplacedFileBesideIt()
    {
        var copy = _db.Path("copy.db");
        _db.Run("db", "backup", "--out", copy).ExitCode.Should().Be(0);

        var restore = _db.Run("db", "restore", copy);

        restore.ExitCode.Should().Be(0, restore.Error);
        restore.Output.Should().Contain($"the replaced database is kept at {_db.File}.replaced-20261121-020000Z");
        File.Exists(_db.File + ".replaced-20261121-020000Z").Should().BeTrue();
    }

    [Fact]
    public void Restore_WhileAHostHoldsTheDatabase_FailsInOneLine()
    {
        var copy = _db.Path("copy.db");
        _db.Run("db", "backup", "--out", copy).ExitCode.Should().Be(0);
        using var host = HostLock.Shared(_db.File);

        _db.Run("db", "restore", copy).ShouldFailWithOneLine("A CaseFlow host has");
        File.Exists(_db.File + ".replaced-20261121-020000Z").Should().BeFalse();
    }

    [Fact]
    public void Restore_OfAFileThatIsNoDatabase_FailsInOneLine()
    {
        var bogus = _db.Path("notes.db");
        File.WriteAllText(bogus, "these are notes, not a database");

        _db.Run("db", "restore", bogus).ShouldFailWithOneLine("notes.db");
    }

    [Fact]
    public void Backup_ToAnExistingFile_FailsInOneLine()
    {
        _db.Run("db", "backup", "--out", _db.File).ShouldFailWithOneLine("already exists");
    }

    [Fact]
    public void AuditArchive_BelowTheMinimumRetention_IsRefused()
    {
        var run = _db.Run("audit", "archive", "--retention-days", "179", "--out-folder", _db.Path("archive"));

        run.ExitCode.Should().NotBe(0);
        run.Error.Should().Contain("at least 180 days");
        Directory.Exists(_db.Path("archive")).Should().BeFalse();
    }

    [Fact]
    public void AuditArchive_AfterTheRetention_MovesTheOldRowsToAChecksummedFile_AndAuditsItself()
    {
        for (var i = 0; i < 3; i++)
        {
            _db.Scalar("INSERT INTO audit_log (at, username, action, entity) VALUES ('2026-11-21T02:00:00.000Z', 'admin', 'user.create', 'user')");
        }

        var before = _db.Scalar("SELECT COUNT(*) FROM audit_log");
        before.Should().BeGreaterThanOrEqualTo(3);
        _db.Clock.Advance(TimeSpan.FromDays(200));

        var run = _db.Run("audit", "archive", "--retention-days", "180", "--out-folder", _db.Path("archive"));

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().StartWith($"archived {before} audit rows from before ");
        var file = Directory.GetFiles(_db.Path("archive"), "*.jsonl").Should().ContainSingle().Subject;
        File.ReadAllLines(file).Should().HaveCount((int)before);
        File.Exists(file + ".sha256").Should().BeTrue();
        _db.Scalar("SELECT COUNT(*) FROM audit_log").Should().Be(1);
        _db.Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.archive' AND username = 'cli:operator'").Should().Be(1);
    }

    public void Dispose() => _db.Dispose();
}
