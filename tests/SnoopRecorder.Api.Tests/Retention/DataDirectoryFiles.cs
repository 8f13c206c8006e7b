namespace SnoopRecorder.Api.Tests.Retention;

/// <summary>What a test data directory holds, measured by the tests themselves (not through the service).</summary>
internal static class DataDirectoryFiles
{
    /// <summary>Bytes of every file under the directory, as the quota counts them.</summary>
    public static long Bytes(string dataDirectory) =>
        new DirectoryInfo(dataDirectory)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Sum(f => f.Length);

    /// <summary>The sessions' files: <c>captures/*</c> and <c>bodies/*</c>, relative to the directory, sorted.</summary>
    public static string[] SessionFiles(string dataDirectory) =>
        [.. new[] { "captures", "bodies" }
            .Select(folder => Path.Combine(dataDirectory, folder))
            .Where(Directory.Exists)
            .SelectMany(Directory.GetFiles)
            .Select(path => Path.GetRelativePath(dataDirectory, path))
            .Order(StringComparer.Ordinal)];

    /// <summary>The files a session owns: its capture (any format) and its bodies.</summary>
    public static string[] FilesOf(string dataDirectory, string sessionId) =>
        [.. SessionFiles(dataDirectory).Where(f => Path.GetFileNameWithoutExtension(f) == sessionId)];
}
