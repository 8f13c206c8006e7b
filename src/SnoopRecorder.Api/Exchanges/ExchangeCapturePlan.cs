using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SnoopRecorder.Api.Imports;
using SnoopRecorder.Capture.Export;
using SnoopRecorder.Packets;
using SnoopRecorder.Storage.Connections;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Exchanges;

/// <summary>
/// Turns exchanges into what <see cref="ExchangeCaptureResult"/> streams: per session, its capture file opened with the
/// windows of the exchanges' connections (the <c>connections</c> row, or for a connection still open, from the
/// exchange's first packet to the end of the file).
/// </summary>
internal static class ExchangeCapturePlan
{
    /// <summary>Link type of an export that matched nothing: an empty Ethernet capture.</summary>
    public const int EmptyLinkType = LinkTypes.Ethernet;

    /// <summary>
    /// Opens one source per session of <paramref name="exchanges"/>, in the order the sessions first appear, each
    /// registered for disposal with <paramref name="httpContext"/>'s response; or a problem (404 capture file missing,
    /// 422 link types differ).
    /// </summary>
    public static bool TryOpen(
        IReadOnlyList<ExchangeRecord> exchanges,
        SessionRepository sessions,
        ConnectionRepository connections,
        CaptureStore store,
        HttpContext httpContext,
        out List<CaptureExcerptSource> sources,
        out int linkType,
        [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        sources = [];
        linkType = EmptyLinkType;
        problem = null;
        foreach (var bySession in exchanges.GroupBy(e => e.SessionId))
        {
            var session = sessions.Get(bySession.Key);
            var path = session?.CaptureFile is { } file ? store.PathOf(file) : null;
            if (path is null || !File.Exists(path))
            {
                problem = TypedResults.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Capture file missing",
                    detail: $"session '{bySession.Key}' has no capture file any more");
                return false;
            }

            var source = CaptureExcerptSource.Open(path, WindowsOf([.. bySession], connections));
            httpContext.Response.RegisterForDispose(source);
            sources.Add(source);
        }

        var linkTypes = sources.Select(s => s.LinkType).Distinct().ToList();
        if (linkTypes.Count > 1)
        {
            problem = TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Captures of different link types",
                detail: "the matching exchanges come from sessions whose captures have different link types "
                    + $"({string.Join(", ", linkTypes.Select(t => t.ToString(CultureInfo.InvariantCulture)))}), which one pcap "
                    + "file cannot hold: narrow the filters (for example with 'session') to captures of one link type");
            return false;
        }

        if (linkTypes.Count == 1)
        {
            linkType = linkTypes[0];
        }

        return true;
    }

    private static List<ConnectionWindow> WindowsOf(List<ExchangeRecord> exchanges, ConnectionRepository connections)
    {
        var sessionId = exchanges[0].SessionId;
        var ids = exchanges.Select(e => e.ConnectionId).Distinct().ToList();
        var rows = connections.Get(sessionId, ids).ToDictionary(c => c.ConnectionId);
        var windows = new List<ConnectionWindow>(ids.Count);
        foreach (var byConnection in exchanges.GroupBy(e => e.ConnectionId))
        {
            if (rows.TryGetValue(byConnection.Key, out var row))
            {
                windows.Add(new ConnectionWindow(
                    Endpoint(row.InitiatorIp, row.InitiatorPort),
                    Endpoint(row.ResponderIp, row.ResponderPort),
                    row.FirstPacketIndex,
                    row.FirstPacketNs,
                    row.LastPacketIndex,
                    row.LastPacketNs));
                continue;
            }

            // A live connection's row is written when it closes: until then, from its first known packet onwards.
            var first = byConnection.MinBy(e => e.FirstPacketIndex)!;
            windows.Add(ConnectionWindow.OpenFrom(
                Endpoint(first.ClientIp, first.ClientPort),
                Endpoint(first.ServerIp, first.ServerPort),
                first.FirstPacketIndex,
                first.StartedNs));
        }

        return windows;
    }

    private static TcpEndpoint Endpoint(string ip, int port) => new(IpAddressValue.Parse(ip), (ushort)port);
}
