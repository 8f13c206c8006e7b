using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SnoopRecorder.Api.Imports;
using SnoopRecorder.Api.Problems;
using SnoopRecorder.Capture.Export.Reassembled;
using SnoopRecorder.Storage.Connections;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Exchanges;

/// <summary>
/// <c>/api/exchanges/{id}/pcap</c> and <c>/api/exchanges/pcap?…</c>: the packets of the TCP connections that carried
/// exchanges (handshake and close included), cut out of their sessions' captures as one classic pcap file, or with
/// <c>mode=reassembled</c> rebuilt from their reassembled streams as one pcapng file.
/// </summary>
public static class ExchangeCaptureEndpoints
{
    /// <summary>
    /// Most exchanges one filtered export covers: each connection is a window the capture's records are matched
    /// against, and the exchanges are read before the first byte is sent.
    /// </summary>
    public const int MaxExportedExchanges = 10_000;

    /// <summary>What <c>mode</c> accepts, for its problem.</summary>
    public const string ModeAccepted =
        "raw (the captured packets as they are, classic pcap: the default) or reassembled (a clean capture rebuilt from "
        + "the reassembled TCP streams, pcapng)";

    public static IEndpointRouteBuilder MapExchangeCaptureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/exchanges").WithTags(ExchangesEndpoints.Tag);

        // A literal segment outranks a parameter in routing, so /pcap is never taken for an exchange id.
        group.MapGet("/pcap", DownloadMatchingCapture)
            .WithName("DownloadExchangesCapture")
            .WithSummary("Downloads the packets of the connections of every exchange matching the list's filters "
                + $"(at most {MaxExportedExchanges}), across sessions, in time order, as one pcap file; with "
                + "mode=reassembled, rebuilt from the reassembled TCP streams as one pcapng file.")
            .Produces<Stream>(StatusCodes.Status200OK, ExchangeCaptureResult.PcapContentType, ExchangeCaptureResult.PcapngContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}/pcap", DownloadExchangeCapture)
            .WithName("DownloadExchangeCapture")
            .WithSummary("Downloads the packets of the exchange's TCP connection, handshake and close included, as a pcap "
                + "file; with mode=reassembled, rebuilt from its reassembled streams as a pcapng file.")
            .Produces<Stream>(StatusCodes.Status200OK, ExchangeCaptureResult.PcapContentType, ExchangeCaptureResult.PcapngContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        return endpoints;
    }

    /// <summary>Parses <c>mode</c>: absent or <c>raw</c>, or <c>reassembled</c> (case-insensitive); anything else is a 400.</summary>
    internal static bool TryParseMode(string? mode, out CaptureExportMode parsed, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        CaptureExportMode? value = mode?.ToLowerInvariant() switch
        {
            null or "raw" => CaptureExportMode.Raw,
            "reassembled" => CaptureExportMode.Reassembled,
            _ => null,
        };
        parsed = value.GetValueOrDefault();
        problem = value is null ? ApiProblems.InvalidParameter("mode", mode, ModeAccepted) : null;
        return problem is null;
    }

    internal static Results<ExchangeCaptureResult, ProblemHttpResult> DownloadExchangeCapture(
        string id,
        [FromQuery(Name = "mode")] string? mode,
        ExchangeRepository exchanges,
        SessionRepository sessions,
        ConnectionRepository connections,
        CaptureStore store,
        HttpContext httpContext)
    {
        if (!TryParseMode(mode, out var exportMode, out var problem))
        {
            return problem;
        }

        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || exchanges.Get(number) is not { } detail)
        {
            return ApiProblems.NotFound("Exchange", id);
        }

        return Open([detail.Exchange], exportMode, $"the connection of exchange {number}", $"exchange-{number}", sessions, connections, store, httpContext);
    }

    internal static Results<ExchangeCaptureResult, ProblemHttpResult> DownloadMatchingCapture(
        [AsParameters] ExchangeListParameters parameters,
        [FromQuery(Name = "mode")] string? mode,
        ExchangeRepository exchanges,
        SessionRepository sessions,
        ConnectionRepository connections,
        CaptureStore store,
        HttpContext httpContext)
    {
        if (!TryParseMode(mode, out var exportMode, out var problem) || !TryParseFilters(parameters, out var query, out problem))
        {
            return problem;
        }

        // The paging parameters are validated with the rest but do not apply: the export covers every match.
        query = query with { Order = ExchangeOrder.Ascending, Limit = ExchangeQuery.MaxLimit, After = null };
        var matched = new List<ExchangeRecord>();
        while (true)
        {
            var page = exchanges.Query(query);
            matched.AddRange(page.Items);
            if (page.Next is not { } next)
            {
                break;
            }

            if (matched.Count >= MaxExportedExchanges)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Too many exchanges for one capture",
                    detail: $"more than {MaxExportedExchanges} exchanges match these filters: narrow them "
                        + "(session, from and to, host, path...) or export in several parts");
            }

            query = query with { After = next };
        }

        return Open(matched, exportMode, $"the connections of {matched.Count} matching exchanges", "exchanges", sessions, connections, store, httpContext);
    }

    /// <summary>The download of these exchanges' connections: <c>{fileStem}.pcap</c> raw, <c>{fileStem}-reassembled.pcapng</c> rebuilt.</summary>
    private static Results<ExchangeCaptureResult, ProblemHttpResult> Open(
        IReadOnlyList<ExchangeRecord> exchanges,
        CaptureExportMode mode,
        string description,
        string fileStem,
        SessionRepository sessions,
        ConnectionRepository connections,
        CaptureStore store,
        HttpContext httpContext)
    {
        if (mode == CaptureExportMode.Reassembled)
        {
            return ExchangeCapturePlan.TryOpenReassembled(exchanges, sessions, connections, store, httpContext, out var rebuilt, out var problem)
                ? ExchangeCaptureResult.Reassembled(rebuilt, description, $"{fileStem}-reassembled.pcapng")
                : problem;
        }

        return ExchangeCapturePlan.TryOpen(exchanges, sessions, connections, store, httpContext, out var sources, out var linkType, out var rawProblem)
            ? ExchangeCaptureResult.Raw(sources, linkType, $"{fileStem}.pcap")
            : rawProblem;
    }

    // The one place that knows how the list's filters are parsed (ExchangeQueryParser, shared with GET /api/exchanges).
    private static bool TryParseFilters(
        ExchangeListParameters parameters, out ExchangeQuery query, [NotNullWhen(false)] out ProblemHttpResult? problem) =>
        ExchangeQueryParser.TryParse(parameters, out query, out problem);
}
