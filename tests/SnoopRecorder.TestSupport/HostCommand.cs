using System.Diagnostics;

namespace SnoopRecorder.TestSupport;

/// <summary>Runs a command on the host to its end, with a timeout, collecting its output.</summary>
internal static class HostCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Starts a command with its output (and optionally its input) redirected.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The command is not installed.</exception>
    public static Process Start(string fileName, IEnumerable<string> arguments, bool redirectInput = false)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start.");
    }

    public static Task<HostCommandResult> RunAsync(string fileName, params string[] arguments) =>
        RunAsync(fileName, arguments, DefaultTimeout, writeInput: null);

    /// <summary>Runs a command; <paramref name="writeInput"/>, when given, writes its standard input and closes it.</summary>
    public static async Task<HostCommandResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, Func<Stream, Task>? writeInput)
    {
        using var process = Start(fileName, arguments, redirectInput: writeInput is not null);
        var commandLine = $"{fileName} {string.Join(' ', arguments)}";
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            if (writeInput is not null)
            {
                await using (var input = process.StandardInput.BaseStream)
                {
                    await writeInput(input).WaitAsync(deadline.Token);
                }
            }

            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{commandLine}' did not finish within {timeout.TotalSeconds} s.");
        }

        return new HostCommandResult(commandLine, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The synchronous form, for set-up done in constructors (xunit fixtures).</summary>
    public static HostCommandResult Run(string fileName, params string[] arguments)
    {
        using var process = Start(fileName, arguments);
        var commandLine = $"{fileName} {string.Join(' ', arguments)}";
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{commandLine}' did not finish within {DefaultTimeout.TotalSeconds} s.");
        }

        return new HostCommandResult(commandLine, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
