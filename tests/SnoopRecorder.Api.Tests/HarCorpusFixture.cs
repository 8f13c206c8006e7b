using System.IO.Compression;
using System.Text.Json;

namespace SnoopRecorder.Api.Tests;

/// <summary>
/// One service with the captures the HAR export tests read: plain GETs, a gzip response, POST bodies (form upload and a
/// gzip-compressed request), a binary image, many exchanges on many connections, and a thousand more.
/// </summary>
public sealed class HarCorpusFixture : IAsyncLifetime
{
    public const string SimpleGet = "arkime/http-simple-get.pcap";
    public const string GetGzip = "zeek/traces/http/get-gzip.pcap";
    public const string PostUpload = "arkime/http-post-upload.pcap";
    public const string GzipRequest = "suricata/http-post-data-decompression/input.pcap";
    public const string Image = "tcpflow/test8-image2.pcap";
    public const string BroOrg = "zeek/traces/http/bro.org.pcap";


    /// <summary>1000 requests on keep-alive connections: with the others, more exchanges than one page holds.</summary>
    public const string Thousand = "zeek/traces/http/1000-requests-one-dropped-response.pcap.gz";

    private static readonly string[] Files = [SimpleGet, GetGzip, PostUpload, GzipRequest, Image, BroOrg];

    private readonly Dictionary<string, string> _sessions = [];

    public SnoopApiFactory Factory { get; } = new();
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        foreach (var file in Files)
        {
            _sessions[file] = (await Client.ImportAsync(Corpus.PathOf(file))).GetProperty("id").GetString()!;
        }

        // Gzipped captures are imported gunzipped.
        var gunzipped = Path.Combine(Factory.DataDirectory, "1000-requests.pcap");
        await using (var input = new GZipStream(File.OpenRead(Corpus.PathOf(Thousand)), CompressionMode.Decompress))
        await using (var output = File.Create(gunzipped))
        {
            await input.CopyToAsync(output);
        }

        _sessions[Thousand] = (await Client.ImportAsync(gunzipped)).GetProperty("id").GetString()!;
    }

    /// <summary>The session id of an imported capture.</summary>
    public string SessionOf(string file) => _sessions[file];

    /// <summary>Every exchange of a capture as the list returns it, page after page, in request order.</summary>
    public async Task<List<JsonElement>> ExchangesOf(string file) => await AllPagesAsync($"/api/exchanges?session={SessionOf(file)}");

    /// <summary>Every exchange a list returns, page after page.</summary>
    public async Task<List<JsonElement>> AllPagesAsync(string listUrl)
    {
        var all = new List<JsonElement>();
        var separator = listUrl.Contains('?') ? '&' : '?';
        string? cursor = null;
        do
        {
            var page = await Client.GetJsonAsync($"{listUrl}{separator}limit=1000" + (cursor is null ? "" : $"&cursor={cursor}"));
            all.AddRange(page.Items());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return all;
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
