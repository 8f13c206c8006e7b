namespace SnoopRecorder.Api.Tests;

/// <summary>
/// The shared capture corpus: <c>../shared/corpus</c> next to the folder holding <c>SnoopRecorder.sln</c>, or
/// <c>SNOOP_CORPUS</c> when set.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string PathOf(string relative)
    {
        var path = Path.Combine(Root.Value, relative);
        Assert.True(File.Exists(path), $"corpus file missing: {path}");
        return path;
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SNOOP_CORPUS");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SnoopRecorder.sln")))
            {
                return Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "corpus"));
            }
        }

        // Built with --artifacts-path outside the repository: fall back to the source tree this file lives in.
        return Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "corpus"));
    }

    public static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        for (var folder = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SnoopRecorder.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("SnoopRecorder.sln not found above the test sources; set SNOOP_CORPUS.");
    }
}
