namespace CaseFlow.Cli.Tests.Infrastructure;

/// <summary>Files of the repository the tests read: the committed samples and docs.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Sample(string name) => Path.Combine(Root, "tools", "samples", name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CaseFlow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CaseFlow.sln above {AppContext.BaseDirectory}.");
    }
}
