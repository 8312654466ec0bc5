using System.Diagnostics;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>
/// <c>.ci/run</c> installs each package the browser tests need that is missing, each checked on its own: run with
/// stand-ins for dpkg-query, apt-get, id and dotnet on the PATH, so nothing is installed and no test suite runs.
/// </summary>
public sealed class CiScriptTests : IDisposable
{
    private readonly string _bin = Path.Combine(Path.GetTempPath(), "caseflow-ci-" + Guid.NewGuid().ToString("N"));

    public CiScriptTests() => Directory.CreateDirectory(_bin);

    [Theory]
    [InlineData("chromium", "fonts-noto-cjk")]
    [InlineData("fonts-noto-cjk", "chromium")]
    [InlineData("chromium fonts-noto-cjk", "")]
    [InlineData("", "chromium fonts-noto-cjk")]
    public void Run_InstallsExactlyTheMissingPackages_WhicheverIsAlreadyThere(string installed, string expected)
    {
        Stub("dpkg-query", $$"""
            for p in {{installed}}; do [ "${@: -1}" = "$p" ] && { printf 'install ok installed'; exit 0; }; done
            exit 1
            """);
        Stub("apt-get", $"""[ "$1" = install ] && echo "$*" >> "{_bin}/installed"; exit 0""");
        Stub("id", "echo 0");
        Stub("dotnet", """[ "$1" = --version ] && echo 10.0.100 || echo 'Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1'""");

        var (exit, output) = RunCi();

        exit.Should().Be(0, output);
        var requested = File.Exists(Path.Combine(_bin, "installed")) ? File.ReadAllText(Path.Combine(_bin, "installed")) : "";
        var packages = requested.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith('-') && w != "install");
        packages.Should().BeEquivalentTo(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), output);
    }

    private (int Exit, string Output) RunCi()
    {
        var start = new ProcessStartInfo("/bin/bash", [Path.Combine(RepositoryRoot(), ".ci", "run")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = _bin + ":/usr/bin:/bin";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000).Should().BeTrue();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private void Stub(string name, string body)
    {
        var path = Path.Combine(_bin, name);
        File.WriteAllText(path, "#!/bin/bash\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseFlow.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CaseFlow.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        if (Directory.Exists(_bin))
        {
            Directory.Delete(_bin, recursive: true);
        }
    }
}
