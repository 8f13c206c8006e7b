using System.Text.Json;
using SnoopRecorder.TestSupport.Captures;

namespace SnoopRecorder.Api.Tests.Adversarial;

/// <summary>One service for the adversarial captures, and a temporary folder in which the tests write them.</summary>
public sealed class AdversarialFixture : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("snoop-adversarial-");
    private HttpClient? _client;

    public SnoopApiFactory Factory { get; } = new();

    public HttpClient Client => _client ??= Factory.CreateClient();

    /// <summary>Writes a capture with <paramref name="write"/>, imports it and returns the finished session.</summary>
    public async Task<JsonElement> ImportAsync(string name, Action<SyntheticCapture> write)
    {
        var path = Path.Combine(_folder.FullName, name + ".pcap");
        using (var capture = new SyntheticCapture(path, AdversarialTraffic.Start))
        {
            write(capture);
        }

        var (session, _) = await StreamedImport.RunAsync(Client, path, TimeSpan.FromMinutes(5));
        File.Delete(path);
        return session;
    }

    public void Dispose()
    {
        _client?.Dispose();
        Factory.Dispose();
        _folder.Delete(recursive: true);
    }
}
