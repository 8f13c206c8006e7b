namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>The repository's <c>http-samples/</c>: every <c>.http</c> file in it, in file-name order.</summary>
internal static class HttpSampleFolder
{
    public static string Path => System.IO.Path.Combine(Corpus.RepositoryRoot(), "http-samples");

    public static IReadOnlyList<HttpSampleFile> LoadAll()
    {
        var files = Directory.GetFiles(Path, "*.http").Order(StringComparer.Ordinal).Select(HttpSampleFile.Load).ToList();
        Assert.True(files.Count > 0, $"no .http file in {Path}");
        return files;
    }
}
