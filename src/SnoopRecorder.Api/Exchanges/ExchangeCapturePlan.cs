using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SnoopRecorder.Api.Imports;
using SnoopRecorder.Api.Sessions;
using SnoopRecorder.Capture.Export;
using SnoopRecorder.Capture.Export.Reassembled;
using SnoopRecorder.Packets;
using SnoopRecorder.Storage.Connections;
using SnoopRecorder.Storage.Exchanges;
using SnoopRecorder.Storage.Sessions;

namespace SnoopRecorder.Api.Exchanges;

/// <summary>
/// Turns exchanges into what <see cref="ExchangeCaptureResult"/> streams: per session, its capture file opened with the
/// windows of the exchanges' connections (the <c>connections</c> row, or for a connection still open, from the
/// exchange's first packet to the end of the file), for a raw or a reassembled export.
/// </summary>
internal static class ExchangeCapturePlan
{
    /// <summary>Link type of an export that matched nothing: an empty Ethernet capture.</summary>
    public const int EmptyLinkType = LinkTypes.Ethernet;

    /// <summary>
    /// Opens one source per session of <paramref name="exchanges"/>, in the order the sessions first appear, each
    /// registered for disposal with <paramref name="httpContext"/>'s response; or a problem (404 capture file missing,
    /// 410 a session keeps no packets, 422 link types differ).
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
        foreach (var bySession in exchanges.GroupBy(e => e.SessionId))
        {
            if (!TryFindCapture(bySession.Key, sessions, store, out var path, out problem))
            {
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
                    + "file cannot hold: narrow the filters (for example with 'session') to captures of one link type, "
                    + "or ask for mode=reassembled, which rebuilds every capture as Ethernet");
            return false;
        }

        if (linkTypes.Count == 1)
        {
            linkType = linkTypes[0];
        }

        problem = null;
        return true;
    }

    /// <summary>
    /// For a reassembled export: one source per session of <paramref name="exchanges"/> with the windows of their
    /// connections, registered for disposal with the response; or a 404 problem (capture file missing) or a 410
    /// (a session keeps no packets). Any link types
    /// mix: the rebuilt capture is Ethernet whatever the sources.
    /// </summary>
    public static bool TryOpenReassembled(
        IReadOnlyList<ExchangeRecord> exchanges,
        SessionRepository sessions,
        ConnectionRepository connections,
        CaptureStore store,
        HttpContext httpContext,
        out List<ReassembledCaptureSource> sources,
        [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        sources = [];
        foreach (var bySession in exchanges.GroupBy(e => e.SessionId))
        {
            if (!TryFindCapture(bySession.Key, sessions, store, out var path, out problem))
            {
                return false;
            }

            var source = ReassembledCaptureSource.Open(path, WindowsOf([.. bySession], connections));
            httpContext.Response.RegisterForDispose(source);
            sources.Add(source);
        }

        problem = null;
        return true;
    }

    /// <summary>A whole session's capture rebuilt from its reassembled streams (every TCP connection).</summary>
    public static ExchangeCaptureResult ReassembledSession(string path, SessionRecord session, string downloadName, HttpContext httpContext)
    {
        var source = ReassembledCaptureSource.Open(path, windows: null);
        httpContext.Response.RegisterForDispose(source);
        var description = string.IsNullOrWhiteSpace(session.Name) ? $"session {session.Id}" : $"session {session.Id} ({session.Name})";
        return ExchangeCaptureResult.Reassembled([source], description, downloadName);
    }

    private static bool TryFindCapture(
        string sessionId, SessionRepository sessions, CaptureStore store,
        [NotNullWhen(true)] out string? path, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        var session = sessions.Get(sessionId);
        if (session is { PacketsStored: false })
        {
            path = null;
            problem = UnkeptCapture.Gone(sessionId);
            return false;
        }

        path = session?.CaptureFile is { } file ? store.PathOf(file) : null;
        if (path is null || !File.Exists(path))
        {
            path = null;
            problem = TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Capture file missing",
                detail: $"session '{sessionId}' has no capture file any more");
            return false;
        }

        problem = null;
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
