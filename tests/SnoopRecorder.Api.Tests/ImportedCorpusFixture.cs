using System.Text.Json;

namespace SnoopRecorder.Api.Tests;

/// <summary>One service with four real captures imported, shared by the query tests.</summary>
public sealed class ImportedCorpusFixture : IAsyncLifetime
{
    public SnoopApiFactory Factory { get; } = new();
    public HttpClient Client { get; private set; } = null!;
    public string BroOrg { get; private set; } = null!;
    public string PostUpload { get; private set; } = null!;
    public string SimpleGet { get; private set; } = null!;
    public string Head500 { get; private set; } = null!;

    /// <summary>Every exchange of the four sessions, as the unfiltered list returns them.</summary>
    public List<JsonElement> All { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        BroOrg = await ImportAsync("zeek/traces/http/bro.org.pcap");
        PostUpload = await ImportAsync("arkime/http-post-upload.pcap");
        SimpleGet = await ImportAsync("arkime/http-simple-get.pcap");
        Head500 = await ImportAsync("arkime/http-500-head.pcap");
        All = (await Client.GetJsonAsync("/api/exchanges?limit=1000")).Items();
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }

    private async Task<string> ImportAsync(string relative) =>
        (await Client.ImportAsync(Corpus.PathOf(relative))).GetProperty("id").GetString()!;
}
