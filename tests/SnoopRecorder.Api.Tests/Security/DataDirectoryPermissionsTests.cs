using System.Net;
using System.Runtime.Versioning;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SnoopRecorder.Api.Hosting;

namespace SnoopRecorder.Api.Tests.Security;

/// <summary>
/// The data directory holds the recorded traffic: the service creates it readable by its own user only, and says at
/// start when the one it was given is open to other users, without changing it.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DataDirectoryPermissionsTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OpenToAll = OwnerOnly
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Fact]
    public async Task ANewDataDirectory_IsCreatedReadableByTheServicesUserOnly()
    {
        using var factory = new SnoopApiFactory();
        var fresh = Path.Combine(factory.DataDirectory, "new", "data");
        var logs = new CapturedLogs();
        using var app = factory.WithWebHostBuilder(web => web
            .UseSetting("Snoop:DataDirectory", fresh)
            .ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = app.CreateClient();

        await client.ImportAsync(Corpus.PathOf("arkime/http-simple-get.pcap"));

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(fresh));
        Assert.True(File.Exists(Path.Combine(fresh, "snoop.db")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(fresh, "captures")));
        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id == EventIds.DataDirectoryOpen);
    }

    [Fact]
    public async Task AnExistingDataDirectoryOpenToOthers_KeepsItsMode_AndTheStartUpLogSaysHowToCloseIt()
    {
        using var factory = new SnoopApiFactory();
        File.SetUnixFileMode(factory.DataDirectory, OpenToAll);
        var logs = new CapturedLogs();
        using var app = factory.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sessions")).StatusCode);

        var warning = Assert.Single(logs.Entries, e => e.EventId.Id == EventIds.DataDirectoryOpen);
        Assert.Contains($"The data directory {factory.DataDirectory} (mode 0755)", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"'chmod 700 {factory.DataDirectory}'", warning.Message, StringComparison.Ordinal);
        Assert.Equal(OpenToAll, File.GetUnixFileMode(factory.DataDirectory));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupExecute)]
    [InlineData(UnixFileMode.OtherWrite)]
    public async Task AnyPermissionOfGroupOrOthers_IsWarnedAbout(UnixFileMode extra)
    {
        using var factory = new SnoopApiFactory();
        File.SetUnixFileMode(factory.DataDirectory, OwnerOnly | extra);
        var logs = new CapturedLogs();
        using var app = factory.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sessions")).StatusCode);

        Assert.Single(logs.Entries, e => e.EventId.Id == EventIds.DataDirectoryOpen);
        Assert.Equal(OwnerOnly | extra, File.GetUnixFileMode(factory.DataDirectory));
    }

    [Fact]
    public async Task AnExistingDataDirectoryOfItsOwnerOnly_IsNotWarnedAbout()
    {
        using var factory = new SnoopApiFactory();
        File.SetUnixFileMode(factory.DataDirectory, OwnerOnly);
        var logs = new CapturedLogs();
        using var app = factory.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sessions")).StatusCode);

        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id == EventIds.DataDirectoryOpen);
    }
}
