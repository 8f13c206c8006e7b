using System.ComponentModel;
using System.Diagnostics;

namespace SnoopRecorder.TestSupport;

/// <summary>Starts the real tools the captures are made with (nginx, tcpdump, curl, ab...).</summary>
public static class ExternalCommand
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Starts a tool with its output redirected; says which Debian package to install when it is missing.</summary>
    public static Process Start(string fileName, IReadOnlyList<string> arguments, string debianPackage)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new ToolMissingException(
                $"{fileName} is not installed or not on PATH (Debian: apt-get install {debianPackage}).", e);
        }
    }

    /// <summary>Runs a tool to its end and collects its output.</summary>
    public static async Task<HostCommandResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string debianPackage)
    {
        using var process = Start(fileName, arguments, debianPackage);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var commandLine = $"{fileName} {string.Join(' ', arguments)}";
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{commandLine}' did not finish within {RunTimeout.TotalSeconds} s.");
        }

        return new HostCommandResult(commandLine, process.ExitCode, await stdout, await stderr);
    }
}
