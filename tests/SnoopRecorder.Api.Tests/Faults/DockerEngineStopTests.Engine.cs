using System.Diagnostics;
using System.Globalization;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Api.Tests.Faults;

public sealed partial class DockerEngineStopTests
{
    private const string PidFile = "/var/run/docker.pid";
    private static readonly TimeSpan EngineStopPatience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan EngineStartPatience = TimeSpan.FromSeconds(120);

    /// <summary>The running dockerd: the PID in its pid file when that process is dockerd, else the one process named so.</summary>
    private static int FindDockerd()
    {
        if (File.Exists(PidFile)
            && int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && IsDockerd(pid))
        {
            return pid;
        }

        var found = Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0)
            .Where(p => p > 0 && IsDockerd(p))
            .ToArray();
        Assert.True(found.Length == 1, $"expected one dockerd process, found {found.Length}");
        return found[0];
    }

    private static bool IsDockerd(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "dockerd";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM to dockerd, as a service manager stops it, and waits for it to exit; returns how long it took.</summary>
    private static async Task<TimeSpan> StopEngineAsync(int pid)
    {
        var watch = Stopwatch.StartNew();
        await RunAsync("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        while (IsDockerd(pid))
        {
            Assert.True(watch.Elapsed < EngineStopPatience, $"dockerd {pid} still runs {EngineStopPatience.TotalSeconds} s after SIGTERM");
            await Task.Delay(100);
        }

        return watch.Elapsed;
    }

    /// <summary>
    /// Starts the engine again exactly as the test script does (<c>ensure_docker</c> of <c>scripts/lib/docker.sh</c>:
    /// <c>setsid nohup dockerd</c>, then waiting for <c>docker info</c>), and checks that <c>docker info</c> answers.
    /// The stopped dockerd must be gone first: one still shutting down answers <c>docker info</c>, and ensure_docker
    /// would leave it at that.
    /// </summary>
    /// <param name="stoppedDockerd">The dockerd sent SIGTERM, if it was: killed if it has not exited by now.</param>
    private static async Task StartEngineAsync(int? stoppedDockerd)
    {
        if (stoppedDockerd is { } pid)
        {
            var watch = Stopwatch.StartNew();
            while (IsDockerd(pid) && watch.Elapsed < EngineStopPatience)
            {
                await Task.Delay(100);
            }

            if (IsDockerd(pid))
            {
                await RunAsync("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
                await Task.Delay(1_000);
            }
        }

        var root = Corpus.RepositoryRoot();
        await RunAsync(
            "bash",
            ["-c", "source scripts/lib/packages.sh && source scripts/lib/docker.sh && ensure_docker"],
            EngineStartPatience,
            root);
        var info = await RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], TimeSpan.FromSeconds(30));
        Assert.False(string.IsNullOrWhiteSpace(info), "docker info printed no server version after the engine was started again");
        await DockerHost.RequireAsync();
    }

    private static async Task<string> RunAsync(string file, string[] arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // Not the whole tree: a dockerd it started (setsid) must outlive a slow start.
            process.Kill();
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in {timeout.TotalSeconds} s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}
