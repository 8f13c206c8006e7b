using System.Text.Json;

namespace SnoopRecorder.Api.Tests;

/// <summary>
/// One service with the corpus captures whose bodies are compressed (gzip, x-gzip, raw deflate, Brotli, stacked gzip),
/// binary or missing imported, shared by the body and transcript tests.
/// </summary>
public sealed class ContentCorpusFixture : IAsyncLifetime
{
    public const string GetGzip = "zeek/traces/http/get-gzip.pcap";
    public const string XGzip = "zeek/traces/http/x-gzip.pcap";
    public const string RawDeflate = "zeek/traces/http/missing-zlib-header.pcap";
    public const string Brotli = "suricata/http-brotli-ce/input.pcap";
    public const string StackedGzip = "suricata/bug-2511/response_identity_identity_gzip_identity_gzip_gzip.pcap";
    public const string NotReallyGzip = "suricata/http-encoding-gzip-uncompressed/input.pcap";
    public const string GzipRequest = "suricata/http-post-data-decompression/input.pcap";
    public const string ArkimeGzip = "arkime/http-content-gzip.pcap";
    public const string Image = "tcpflow/test8-image2.pcap";
    public const string NoResponse = "suricata/http-chunked/input.pcap";
    public const string ChunkedGzip = "wireshark-wiki/http-chunked-gzip.pcap";
    public const string Continue = "zeek/traces/http/http-body-match.pcap";

    private static readonly string[] Files =
        [GetGzip, XGzip, RawDeflate, Brotli, StackedGzip, NotReallyGzip, GzipRequest, ArkimeGzip, Image, NoResponse, ChunkedGzip, Continue];

    private readonly Dictionary<string, List<JsonElement>> _exchanges = [];

    public SnoopApiFactory Factory { get; } = new();
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        foreach (var file in Files)
        {
            var session = (await Client.ImportAsync(Corpus.PathOf(file))).GetProperty("id").GetString();
            _exchanges[file] = (await Client.GetJsonAsync($"/api/exchanges?session={session}")).Items();
        }
    }

    /// <summary>The exchanges of one imported capture, in request order.</summary>
    public IReadOnlyList<JsonElement> ExchangesOf(string file) => _exchanges[file];

    /// <summary>The id of the <paramref name="index"/>th exchange of a capture.</summary>
    public long IdOf(string file, int index = 0) => _exchanges[file][index].GetProperty("id").GetInt64();

    public Task DisposeAsync()
    {
        Client.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
