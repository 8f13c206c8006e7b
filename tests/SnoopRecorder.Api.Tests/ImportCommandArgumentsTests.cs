using SnoopRecorder.Api.Imports;

namespace SnoopRecorder.Api.Tests;

public sealed class ImportCommandArgumentsTests
{
    [Fact]
    public void TryParse_SeparatesFileNameAndConfiguration()
    {
        Assert.True(ImportCommandArguments.TryParse(
            ["--Snoop:DataDirectory", "/tmp/d", "capture.pcap", "--name", "my run", "--Snoop:MaxBodyBytes=10"],
            out var arguments,
            out _));

        Assert.Equal("capture.pcap", arguments.File);
        Assert.Equal("my run", arguments.SessionName);
        Assert.Equal(["--Snoop:DataDirectory", "/tmp/d", "--Snoop:MaxBodyBytes=10"], arguments.ConfigurationArgs);
    }

    [Fact]
    public void TryParse_NameWithEquals()
    {
        Assert.True(ImportCommandArguments.TryParse(["--name=x", "f.pcapng"], out var arguments, out _));

        Assert.Equal(("f.pcapng", "x"), (arguments.File, arguments.SessionName));
    }

    [Theory]
    [InlineData(new string[0], "no capture file")]
    [InlineData(new[] { "a.pcap", "b.pcap" }, "unexpected argument 'b.pcap'")]
    [InlineData(new[] { "a.pcap", "--name" }, "--name needs a value")]
    public void TryParse_RefusesWhatItCannotUse(string[] args, string problem)
    {
        Assert.False(ImportCommandArguments.TryParse(args, out _, out var message));
        Assert.Contains(problem, message, StringComparison.Ordinal);
    }
}
