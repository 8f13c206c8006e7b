using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using SnoopRecorder.Api.Exchanges.Content;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges.Har;

/// <summary>
/// Streams a HAR 1.2 document (http://www.softwareishard.com/blog/har-12-spec/) of the exchanges a query matches to
/// the response body: one keyset page of exchanges at a time, each entry written and flushed as it is read, so an
/// export of a million exchanges holds one page of rows and one entry's bodies in memory.
/// </summary>
internal sealed class HarExportResult : IResult
{
    public const string ContentType = "application/json";

    // The writer buffers in memory until flushed; a flush every 64 KiB keeps that buffer small without a write per entry.
    private const int FlushThresholdBytes = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // A download, never inlined in HTML: non-ASCII text stays readable rather than \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string CreatorVersion { get; } =
        typeof(HarExportResult).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HarExportResult).Assembly.GetName().Version?.ToString()
        ?? "0";

    private readonly ExchangeRepository _exchanges;
    private readonly ExchangeQuery _query;
    private readonly int? _maxEntries;
    private readonly string _downloadName;
    private readonly int _maxDecodedBodyBytes;

    /// <param name="exchanges">Where the exchanges, headers and bodies are read.</param>
    /// <param name="query">The filters and order; its limit is the page size, its cursor where the export starts.</param>
    /// <param name="maxEntries">The most entries the export holds, or null for every match.</param>
    /// <param name="downloadName">The file name offered to the client, without its <c>.har</c> extension.</param>
    /// <param name="maxDecodedBodyBytes">The most bytes one decoded body may have (<c>Snoop:MaxDecodedBodyBytes</c>).</param>
    public HarExportResult(ExchangeRepository exchanges, ExchangeQuery query, int? maxEntries, string downloadName, int maxDecodedBodyBytes)
    {
        _exchanges = exchanges;
        _query = query;
        _maxEntries = maxEntries;
        _downloadName = downloadName;
        _maxDecodedBodyBytes = maxDecodedBodyBytes;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.ContentType = ContentType;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(HarFileName.Of(_downloadName));
        response.Headers.ContentDisposition = disposition.ToString();

        await using var json = new Utf8JsonWriter(response.Body, WriterOptions);
        json.WriteStartObject();
        json.WriteStartObject("log");
        json.WriteString("version", "1.2");
        json.WriteStartObject("creator");
        json.WriteString("name", "SnoopRecorder");
        json.WriteString("version", CreatorVersion);
        json.WriteEndObject();
        json.WriteStartArray("entries");

        // Across sessions, connection numbers repeat: the entry's connection then names its session too.
        var entries = new HarEntryWriter(json, _maxDecodedBodyBytes, qualifyConnections: _query.SessionId is null);
        var remaining = _maxEntries ?? long.MaxValue;
        var query = _query;
        while (remaining > 0)
        {
            var page = _exchanges.Query(query);
            foreach (var record in page.Items)
            {
                if (remaining == 0)
                {
                    break;
                }

                // Gone since the page was read (its session deleted meanwhile): left out.
                if (_exchanges.Get(record.Id) is not { } detail)
                {
                    continue;
                }

                entries.Write(
                    detail,
                    MessageBody.Read(_exchanges, detail, BodySide.Request),
                    MessageBody.Read(_exchanges, detail, BodySide.Response));
                remaining--;
                if (json.BytesPending >= FlushThresholdBytes)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }

            if (page.Next is not { } next)
            {
                break;
            }

            query = query with { After = next };
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }
}
