using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;

namespace SnoopRecorder.Api.Tests;

/// <summary>The <c>import</c> command through the real program, as a separate process.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "snoop-cli-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Import_StoresTheSessionAndPrintsASummaryAsTheLastStdoutLine()
    {
        var result = await RunAsync("import", Corpus.PathOf("zeek/traces/http/bro.org.pcap"), "--name", "bro", $"--Snoop:DataDirectory={_dataDirectory}");

        Assert.True(result.ExitCode == 0, result.ToString());
        var summary = JsonDocument.Parse(result.Stdout.TrimEnd().Split('\n')[^1]).RootElement;
        var id = summary.GetProperty("sessionId").GetString()!;
        Assert.Equal(751, summary.GetProperty("packets").GetInt64());
        Assert.Equal(31, summary.GetProperty("exchanges").GetInt64());
        Assert.True(summary.GetProperty("seconds").GetDouble() >= 0);
        Assert.Contains(id, result.Stderr, StringComparison.Ordinal);

        // The service started later on the same data directory serves what the command stored.
        using var factory = SnoopApiFactory.On(_dataDirectory);
        using var client = factory.CreateClient();
        var session = await client.GetJsonAsync($"/api/sessions/{id}");
        Assert.Equal("completed", session.GetProperty("status").GetString());
        Assert.Equal("bro", session.GetProperty("name").GetString());
        Assert.Equal(31, (await client.GetJsonAsync($"/api/exchanges?session={id}")).Items().Count);
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "captures", $"{id}.pcap")));
    }

    [Fact]
    public async Task Import_ConfiguredThroughEnvironmentVariables()
    {
        var result = await RunAsync(
            [("Snoop__DataDirectory", _dataDirectory)],
            "import",
            Corpus.PathOf("arkime/http-simple-get.pcap"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "snoop.db")));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Import_IntoANewDataDirectory_CreatesItReadableByItsOwnerOnly()
    {
        var result = await RunAsync("import", Corpus.PathOf("arkime/http-simple-get.pcap"), $"--Snoop:DataDirectory={_dataDirectory}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dataDirectory));
    }

    [Fact]
    public async Task Import_NotACaptureFile_ExitsWith1AndSaysWhy()
    {
        Directory.CreateDirectory(_dataDirectory);
        var text = Path.Combine(_dataDirectory, "notes.txt");
        await File.WriteAllTextAsync(text, "Hello, not a capture");

        var result = await RunAsync("import", text, $"--Snoop:DataDirectory={_dataDirectory}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a capture file", result.Stderr, StringComparison.Ordinal);
        var captures = Path.Combine(_dataDirectory, "captures");
        Assert.True(!Directory.Exists(captures) || Directory.GetFiles(captures).Length == 0, "a refused file left a capture behind");
    }

    [Fact]
    public async Task Import_MissingFile_ExitsWith1()
    {
        var result = await RunAsync("import", Path.Combine(_dataDirectory, "missing.pcap"), $"--Snoop:DataDirectory={_dataDirectory}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_TruncatedFile_KeepsTheFailedSessionPrintsTheSummaryAndExitsWith1()
    {
        Directory.CreateDirectory(_dataDirectory);
        var whole = await File.ReadAllBytesAsync(Corpus.PathOf("zeek/traces/http/bro.org.pcap"));
        var truncated = Path.Combine(_dataDirectory, "cut.pcap");
        await File.WriteAllBytesAsync(truncated, whole[..(whole.Length / 2 + 3)]);

        var result = await RunAsync("import", truncated, $"--Snoop:DataDirectory={_dataDirectory}");

        Assert.Equal(1, result.ExitCode);
        var summary = JsonDocument.Parse(result.Stdout.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.InRange(summary.GetProperty("exchanges").GetInt64(), 1, 30);
        Assert.Contains("failed", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithoutAFile_PrintsUsage()
    {
        var result = await RunAsync("import");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("usage: snooprecorder import FILE", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static Task<ProcessResult> RunAsync(params string[] args) => RunAsync([], args);

    private static async Task<ProcessResult> RunAsync((string Name, string Value)[] environment, params string[] args)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "snooprecorder.dll");
        Assert.True(File.Exists(program), $"{program} not found next to the tests");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    private sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }
}
