namespace SnoopRecorder.TestSupport;

/// <summary>How a command run on the host ended and what it printed.</summary>
public sealed record HostCommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>This result, or an exception quoting the command, its exit code and its output.</summary>
    public HostCommandResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException(
                $"'{CommandLine}' exited with {ExitCode}.\nstderr: {StandardError.Trim()}\nstdout: {StandardOutput.Trim()}");
        }

        return this;
    }
}
