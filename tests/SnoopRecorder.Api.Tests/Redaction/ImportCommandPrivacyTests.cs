using SnoopRecorder.Api.Imports;
using SnoopRecorder.Api.Sessions;

namespace SnoopRecorder.Api.Tests.Redaction;

/// <summary>The <c>import</c> command's <c>--no-redact</c> and <c>--no-packets</c> flags.</summary>
public sealed class ImportCommandPrivacyTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "snoop-cli-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void TryParse_WithoutFlags_RedactsAndKeepsThePackets()
    {
        Assert.True(ImportCommandArguments.TryParse(["capture.pcap", "--name", "x"], out var arguments, out _));

        Assert.Equal(SessionPrivacy.Default, arguments.Privacy);
    }

    [Fact]
    public void TryParse_Flags_TurnEachOffWithoutReachingTheConfiguration()
    {
        Assert.True(ImportCommandArguments.TryParse(
            ["--no-redact", "capture.pcap", "--no-packets", "--Snoop:MaxBodyBytes=10"], out var arguments, out _));

        Assert.Equal(new SessionPrivacy(Redact: false, StorePackets: false), arguments.Privacy);
        Assert.Equal("capture.pcap", arguments.File);
        Assert.Equal(["--Snoop:MaxBodyBytes=10"], arguments.ConfigurationArgs);
        Assert.True(ImportCommandArguments.TryParse(["capture.pcap", "--no-packets"], out arguments, out _));
        Assert.Equal(new SessionPrivacy(Redact: true, StorePackets: false), arguments.Privacy);
    }

    [Fact]
    public async Task Import_NoRedactNoPackets_StoresTheOriginalsAndNoCapture()
    {
        var exitCode = await ImportCommand.RunAsync(
            [Corpus.PathOf("arkime/http-basicauth.pcap"), "--no-redact", "--no-packets", $"--Snoop:DataDirectory={_dataDirectory}"]);

        Assert.Equal(0, exitCode);
        var captures = Path.Combine(_dataDirectory, "captures");
        Assert.True(!Directory.Exists(captures) || Directory.GetFiles(captures).Length == 0, "--no-packets left the capture behind");
        using var factory = SnoopApiFactory.On(_dataDirectory);
        using var client = factory.CreateClient();
        var session = Assert.Single((await client.GetJsonAsync("/api/sessions")).Items());
        Assert.False(session.GetProperty("redacted").GetBoolean());
        Assert.False(session.GetProperty("packetsStored").GetBoolean());
        var exchange = await client.OnlyExchangeAsync(session.GetProperty("id").GetString()!);
        Assert.Equal("Basic dXNlcnJycnI6cGFzc3dvcmRkZGRk", exchange.GetProperty("requestHeaders").Single("Authorization"));
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
    }
}
