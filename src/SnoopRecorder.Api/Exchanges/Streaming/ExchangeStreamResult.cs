using System.Globalization;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges.Streaming;

/// <summary>
/// The live tail of <c>GET /api/exchanges/stream</c>: one Server-Sent Event per exchange stored after
/// <c>afterId</c> that matches the query, in storage (id) order, until the client goes or the service stops.
/// </summary>
/// <remarks>
/// The tail holds no exchanges of its own: woken by <see cref="ExchangeFeed"/> after each commit, it reads what was
/// stored after the last id it sent from the database, a page at a time, and writes each page before reading the
/// next. A client that reads slowly makes the flush wait (the response pipe has a bounded buffer), never the writer,
/// and costs one page of memory at most. The stream opens with a comment naming the id it starts after (which also
/// pushes the headers through servers and proxies that hold them until the body starts), and a comment goes out
/// whenever nothing else was sent for <see cref="HeartbeatInterval"/>, so that proxies do not close an idle stream.
/// (<c>TypedResults.ServerSentEvents</c> cannot write comments, hence this result.)
/// </remarks>
internal sealed partial class ExchangeStreamResult(ExchangeQuery query, long afterId) : IResult
{
    public const string ContentType = "text/event-stream";

    /// <summary>At most this many exchanges are read per query: as many as one batch writer's commit holds.</summary>
    public const int PageSize = ExchangeBatchWriter.MaxBatchExchanges;

    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    private long _lastId = afterId;
    private long _sent;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var logger = services.GetRequiredService<ILogger<ExchangeStreamResult>>();
        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        // nginx buffers what it proxies unless told not to, which would hold events back.
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var ending = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, stopping);
        using var events = new ServerSentEventWriter(response.BodyWriter);
        try
        {
            await TailAsync(services, events, ending.Token);
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The client went away or the service is stopping: the stream simply ends.
        }
        catch (IOException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The connection broke under a write.
        }
        finally
        {
            Log.StreamEnded(logger, stopping.IsCancellationRequested ? "service stopping" : "client gone", _sent, _lastId);
        }
    }

    /// <summary>Sends until the stream ends; returns early when a flush finds the client gone.</summary>
    private async Task TailAsync(IServiceProvider services, ServerSentEventWriter events, CancellationToken cancellationToken)
    {
        var exchanges = services.GetRequiredService<ExchangeRepository>();
        var feed = services.GetRequiredService<ExchangeFeed>();
        var time = services.GetRequiredService<TimeProvider>();
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var typeInfo = (JsonTypeInfo<ExchangeResponse>)json.GetTypeInfo(typeof(ExchangeResponse));

        // Headers and a first comment go now: once the client has them, every exchange stored later is in the stream.
        events.WriteComment(Encoding.ASCII.GetBytes($"exchanges stored after id {_lastId.ToString(CultureInfo.InvariantCulture)}"));
        if (!await events.FlushAsync(cancellationToken))
        {
            return;
        }

        var lastWrite = time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            // Taken before reading, so that a commit made while the pages are read still ends the wait below.
            var commit = feed.NextCommit;
            IReadOnlyList<ExchangeRecord> page;
            do
            {
                page = exchanges.QueryStoredAfter(query, _lastId);
                foreach (var exchange in page)
                {
                    events.WriteEvent(exchange.Id, "exchange"u8, ExchangeResponse.Summary(exchange), typeInfo);
                    _lastId = exchange.Id;
                }

                if (page.Count > 0)
                {
                    if (!await events.FlushAsync(cancellationToken))
                    {
                        return;
                    }

                    _sent += page.Count;
                    lastWrite = time.GetTimestamp();
                }
            }
            while (page.Count == query.Limit && !cancellationToken.IsCancellationRequested);

            var idle = time.GetElapsedTime(lastWrite);
            if (idle >= HeartbeatInterval)
            {
                events.WriteComment("keep-alive"u8);
                if (!await events.FlushAsync(cancellationToken))
                {
                    return;
                }

                lastWrite = time.GetTimestamp();
                idle = TimeSpan.Zero;
            }

            // Ends at the next commit, when the heartbeat is due, or when the stream ends; never throws.
            await commit.WaitAsync(HeartbeatInterval - idle, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
