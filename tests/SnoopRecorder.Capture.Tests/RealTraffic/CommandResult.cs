namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>How a command-line tool ended and what it printed.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public CommandResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{CommandLine}' exited with {ExitCode}.\nstdout: {StandardOutput}\nstderr: {StandardError}");
        }

        return this;
    }
}
