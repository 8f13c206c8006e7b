using System.Globalization;
using System.Net;

namespace SnoopRecorder.TestSupport;

public sealed partial class DockerHost
{
    /// <summary>The label every test container carries, and its value.</summary>
    public const string TestLabel = "snooprecorder.test";

    /// <summary>When a test container was started (Unix seconds), so that leftovers can be told from live ones.</summary>
    public const string CreatedLabel = "snooprecorder.test.created";

    /// <summary>
    /// Test assemblies run in parallel, each removing leftovers when it starts: only containers older than any test
    /// run count as left over.
    /// </summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(10);

    private const string NamePrefix = "snoop-test-";

    /// <summary>A fresh container name: <c>snoop-test-</c> and a random suffix.</summary>
    public static string NewContainerName() => NamePrefix + RandomNames.Suffix(10);

    /// <summary>
    /// Starts a detached container of <see cref="ScratchImage"/> running <paramref name="command"/>
    /// (<c>docker run -d --name NAME --label snooprecorder.test=1 [--label K=V]... IMAGE COMMAND...</c>) and reads
    /// its id, PID and address. Dispose the result to remove the container.
    /// </summary>
    /// <param name="name">The container's name, used as given (<see cref="NewContainerName"/> makes one).</param>
    /// <param name="labels">More labels, such as the Kubernetes ones a pod's containers carry.</param>
    /// <param name="command">The command, e.g. <c>/bin/busybox sleep 600</c> or <see cref="ScratchImage.Httpd"/>.</param>
    public async Task<TestContainer> RunAsync(
        string name, IReadOnlyDictionary<string, string>? labels, params string[] command)
    {
        var image = await ScratchImage.EnsureAsync();
        List<string> arguments =
        [
            "run", "-d", "--name", name,
            "--label", $"{TestLabel}=1",
            "--label", $"{CreatedLabel}={DateTimeOffset.UtcNow.ToUnixTimeSeconds()}",
        ];
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            arguments.Add("--label");
            arguments.Add($"{key}={value}");
        }

        arguments.Add(image);
        arguments.AddRange(command);
        var run = await RunCliAsync(arguments);
        if (!run.Succeeded)
        {
            // A container that was created but could not start is removed; one of that name that was there before is not.
            if (!run.StandardError.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
                await RemoveAsync(name);
            }

            run.EnsureSuccess();
        }

        var id = run.StandardOutput.Trim();
        try
        {
            return await InspectAsync(id);
        }
        catch
        {
            await RemoveAsync(id);
            throw;
        }
    }

    /// <summary>Stops a container at once (SIGKILL: busybox as PID 1 ignores SIGTERM).</summary>
    public async Task StopAsync(string nameOrId) =>
        (await RunCliAsync(["stop", "--time", "0", nameOrId])).EnsureSuccess();

    /// <summary>Removes a container, running or not (<c>docker rm -f</c>); one that is already gone is fine.</summary>
    public async Task RemoveAsync(string nameOrId)
    {
        var result = await RunCliAsync(["rm", "-f", nameOrId]);
        if (!result.Succeeded && !result.StandardError.Contains("No such container", StringComparison.OrdinalIgnoreCase))
        {
            result.EnsureSuccess();
        }
    }

    /// <summary>The host PID of the container's init process as the engine reports it (0 when it is not running).</summary>
    public async Task<int> InspectPidAsync(string nameOrId) =>
        int.Parse(await ExecuteAsync("inspect", "--format", "{{.State.Pid}}", nameOrId), CultureInfo.InvariantCulture);

    /// <summary>
    /// Removes containers labelled <c>snooprecorder.test=1</c> that were started more than <see cref="LeftoverAge"/>
    /// ago (tests of other assemblies may be using younger ones) and returns how many it removed.
    /// </summary>
    public async Task<int> RemoveLeftoversAsync()
    {
        var listing = await ExecuteAsync(
            "ps", "--all", "--filter", $"label={TestLabel}=1", "--format", $"{{{{.ID}}}} {{{{.Label \"{CreatedLabel}\"}}}}");
        var oldest = DateTimeOffset.UtcNow - LeftoverAge;
        var leftovers = new List<string>();
        foreach (var line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            var created = fields.Length == 2 && long.TryParse(fields[1], CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : DateTimeOffset.MinValue;
            if (created < oldest)
            {
                leftovers.Add(fields[0]);
            }
        }

        if (leftovers.Count > 0)
        {
            await RunCliAsync(["rm", "-f", .. leftovers]);
        }

        return leftovers.Count;
    }

    private async Task<TestContainer> InspectAsync(string nameOrId)
    {
        var fields = (await ExecuteAsync(
                "inspect", "--format",
                "{{.Id}} {{.Name}} {{.State.Pid}} {{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}",
                nameOrId))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var address = fields.Skip(3).Select(f => IPAddress.TryParse(f, out var a) ? a : null).FirstOrDefault(a => a is not null);
        return new TestContainer(
            this, fields[0], fields[1].TrimStart('/'), int.Parse(fields[2], CultureInfo.InvariantCulture), address);
    }
}
