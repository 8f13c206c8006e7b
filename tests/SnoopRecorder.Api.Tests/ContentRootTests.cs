using SnoopRecorder.Api.Hosting;

namespace SnoopRecorder.Api.Tests;

public sealed class ContentRootTests
{
    [Fact]
    public void Choose_WithoutOne_IsTheProgramsDirectoryNotTheWorkingDirectory() =>
        Assert.Equal(AppContext.BaseDirectory, ContentRoot.Choose(["--urls=http://127.0.0.1:0"]));

    [Theory]
    [InlineData("--contentRoot=/srv/snoop")]
    [InlineData("--contentroot=/srv/snoop")]
    public void Choose_GivenOnTheCommandLine_LeavesItToTheHost(string argument) =>
        Assert.Null(ContentRoot.Choose([argument]));
}
