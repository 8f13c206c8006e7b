namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>The network namespaces of this process's threads, read from /proc/self/task/*/ns/net.</summary>
internal static class ThreadNamespaces
{
    /// <summary>Asserts that every thread of the process is in the process's own network namespace.</summary>
    public static void AssertAllInProcessNamespace()
    {
        var own = new FileInfo("/proc/self/ns/net").LinkTarget;
        var strays = new List<string>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var link = new FileInfo(Path.Combine(task, "ns", "net")).LinkTarget;
                if (link != own)
                {
                    strays.Add($"{Path.GetFileName(task)} ({File.ReadAllText(Path.Combine(task, "comm")).Trim()}): {link}");
                }
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }

        Assert.True(strays.Count == 0, $"threads outside the process's namespace {own}: {string.Join("; ", strays)}");
    }
}
