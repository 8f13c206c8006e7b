using System.ComponentModel;

namespace SnoopRecorder.TestSupport;

/// <summary>
/// The local Docker engine, driven through the docker CLI, for test set-up only (the code under test talks to the
/// engine its own way). Containers it starts carry the label <c>snooprecorder.test=1</c>.
/// </summary>
public sealed partial class DockerHost
{
    /// <summary>Set to 1 to let tests that need Docker return early; without it a missing engine fails them.</summary>
    public const string SkipVariable = "SNOOP_SKIP_DOCKER";

    private const string Cli = "docker";
    private const string HowToFix =
        "Run scripts/test.sh (it installs Docker and starts dockerd), start dockerd yourself, " +
        "or set SNOOP_SKIP_DOCKER=1 to let the Docker tests return early.";

    private static readonly SemaphoreSlim RequireGate = new(1, 1);
    private static DockerHost? _instance;

    private DockerHost()
    {
    }

    /// <summary>True when <c>SNOOP_SKIP_DOCKER=1</c>: the only case in which a test may skip its Docker part.</summary>
    public static bool SkipRequested => Environment.GetEnvironmentVariable(SkipVariable) == "1";

    /// <summary>
    /// The engine, once <c>docker info</c> has answered; the first success in a process also removes containers that
    /// earlier, interrupted test runs left behind (see <see cref="RemoveLeftoversAsync"/>).
    /// </summary>
    /// <exception cref="DockerUnavailableException">The CLI is missing, no engine runs, or this user may not use it.</exception>
    public static async Task<DockerHost> RequireAsync()
    {
        if (Volatile.Read(ref _instance) is { } ready)
        {
            return ready;
        }

        await RequireGate.WaitAsync();
        try
        {
            if (_instance is null)
            {
                await CheckEngineAsync();
                var host = new DockerHost();
                await host.RemoveLeftoversAsync();
                Volatile.Write(ref _instance, host);
            }

            return _instance;
        }
        finally
        {
            RequireGate.Release();
        }
    }

    /// <summary>Runs <c>docker ARGUMENTS</c> and returns what it printed.</summary>
    /// <exception cref="InvalidOperationException">It failed; the message holds its stderr.</exception>
    public async Task<string> ExecuteAsync(params string[] arguments) =>
        (await RunCliAsync(arguments)).EnsureSuccess().StandardOutput;

    internal static async Task<HostCommandResult> RunCliAsync(
        IReadOnlyList<string> arguments, Func<Stream, Task>? writeInput = null)
    {
        try
        {
            return await HostCommand.RunAsync(Cli, arguments, HostCommand.DefaultTimeout, writeInput);
        }
        catch (Win32Exception e)
        {
            throw new DockerUnavailableException(
                $"The docker CLI is not installed (Debian: apt-get install docker.io). {HowToFix}", e);
        }
    }

    private static async Task CheckEngineAsync()
    {
        HostCommandResult info;
        try
        {
            info = await RunCliAsync(["info", "--format", "{{.ServerVersion}}"]);
        }
        catch (TimeoutException e)
        {
            throw new DockerUnavailableException($"The Docker engine does not answer 'docker info'. {HowToFix}", e);
        }

        if (info.Succeeded && !string.IsNullOrWhiteSpace(info.StandardOutput))
        {
            return;
        }

        var error = info.StandardError.Trim();
        var problem = error.Contains("permission denied", StringComparison.OrdinalIgnoreCase)
            ? "This user may not use the Docker socket (run the tests as root or join the docker group)"
            : "No Docker engine is running";
        throw new DockerUnavailableException($"{problem}: 'docker info' says: {error}\n{HowToFix}");
    }
}
