using System.Runtime.CompilerServices;

namespace SnoopRecorder.Packets.Tests.TestSupport;

/// <summary>The shared public capture corpus: <c>SNOOP_CORPUS</c>, or <c>../shared/corpus</c> next to the repository root.</summary>
internal static class Corpus
{
    public static string Root => Find();

    // The source file's own path locates the repository even when the build output lives elsewhere (--artifacts-path).
    private static string Find([CallerFilePath] string sourceFile = "")
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SNOOP_CORPUS");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var directory = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SnoopRecorder.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "corpus"));
                Assert.True(Directory.Exists(corpus), $"capture corpus not found at {corpus}; set SNOOP_CORPUS");
                return corpus;
            }
        }

        Assert.Fail("capture corpus not found: set SNOOP_CORPUS to the corpus directory");
        return string.Empty;
    }
}
