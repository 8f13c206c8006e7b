using System.Diagnostics;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>Runs a command-line tool to its end and returns its output, failing the test with its error output.</summary>
internal static class Tools
{
    public static string Run(string file, params string[] args)
    {
        var startInfo = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }

    /// <summary>The request URIs tshark finds in a capture file, in order.</summary>
    public static string[] TsharkRequestUris(string capture) =>
        Run("tshark", "-r", capture, "-Y", "http.request", "-T", "fields", "-e", "http.request.uri")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
