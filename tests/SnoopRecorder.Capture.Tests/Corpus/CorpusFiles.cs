using System.Reflection;

namespace SnoopRecorder.Capture.Tests.Corpus;

/// <summary>
/// Finds the shared capture corpus: <c>$SNOOP_CORPUS</c>, else <c>../shared/corpus</c> beside the repository root
/// (the folder that holds SnoopRecorder.sln). Tests read the files in place; nothing is copied into the repository.
/// </summary>
internal static class CorpusFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>The rows of MANIFEST.tsv as dictionaries keyed by column name.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Manifest()
    {
        var lines = File.ReadAllLines(PathOf("MANIFEST.tsv"));
        var columns = lines[0].Split('\t');
        return lines.Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => (IReadOnlyDictionary<string, string>)l.Split('\t')
                .Select((value, i) => (value, i))
                .ToDictionary(p => columns[p.i], p => p.value))
            .ToList();
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SNOOP_CORPUS");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new DirectoryNotFoundException($"SNOOP_CORPUS={fromEnvironment} does not exist.");
        }

        var repositoryRoot = typeof(CorpusFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        foreach (var start in new[] { repositoryRoot, AppContext.BaseDirectory }.OfType<string>())
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SnoopRecorder.sln")))
            {
                var corpus = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "corpus"));
                return Directory.Exists(corpus)
                    ? corpus
                    : throw new DirectoryNotFoundException($"The shared corpus was expected at {corpus}; set SNOOP_CORPUS to its path.");
            }
        }

        throw new DirectoryNotFoundException("SnoopRecorder.sln not found above the test directory; set SNOOP_CORPUS.");
    }
}
