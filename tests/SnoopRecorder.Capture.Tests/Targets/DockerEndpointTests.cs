using SnoopRecorder.Capture.Targets;

namespace SnoopRecorder.Capture.Tests.Targets;

public sealed class DockerEndpointTests
{
    [Fact]
    public void Choose_ConfiguredValue_BeatsDockerHost() =>
        Assert.Equal(
            new Uri("unix:///run/user/1000/docker.sock"),
            DockerEndpoint.Choose("unix:///run/user/1000/docker.sock", "tcp://10.0.0.5:2375"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Choose_NoConfiguredValue_TakesDockerHost(string? configured) =>
        Assert.Equal(new Uri("tcp://10.0.0.5:2375"), DockerEndpoint.Choose(configured, "tcp://10.0.0.5:2375"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Choose_NeitherConfiguredNorDockerHost_IsTheLocalSocket(string? dockerHost) =>
        Assert.Equal("unix:///var/run/docker.sock", DockerEndpoint.Choose(null, dockerHost).OriginalString);

    [Fact]
    public void Choose_ConfiguredValueThatIsNoEngineAddress_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => DockerEndpoint.Choose("/var/run/docker.sock", null));

        Assert.Contains("the configured Docker endpoint '/var/run/docker.sock'", error.Message);
    }

    [Fact]
    public void Choose_DockerHostWithUnsupportedScheme_ThrowsNamingTheVariable()
    {
        var error = Assert.Throws<ArgumentException>(() => DockerEndpoint.Choose(null, "ssh://me@host"));

        Assert.Contains("DOCKER_HOST 'ssh://me@host'", error.Message);
    }
}
