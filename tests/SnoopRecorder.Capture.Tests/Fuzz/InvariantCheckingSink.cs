using SnoopRecorder.Analysis;
using SnoopRecorder.Http;

namespace SnoopRecorder.Capture.Tests.Fuzz;

/// <summary>
/// Counts what an analysis reports and checks what must hold whatever the input: every exchange has a side, bodies
/// stay within the cap and never claim less than they hold, heads stay within the header limit, packet indexes are
/// records of the file, and every connection is reported closed exactly once, with a reason, after its exchanges.
/// Violations are collected, not thrown, so that they are told apart from exceptions of the analysis itself.
/// </summary>
/// <remarks>
/// A first packet index may be above the last one: indexes are file positions, and the analysis reads records in time
/// order within its reorder window, so a file out of time order gives a connection's earliest packet a later index.
/// The capture exports allow for it (<c>ConnectionPacketSelector.ReorderedPackets</c>).
/// </remarks>
internal sealed class InvariantCheckingSink(int maxBodyBytes) : IAnalysisSink
{
    private readonly HashSet<long> _closed = [];

    public long Exchanges { get; private set; }

    public long Connections => _closed.Count;

    /// <summary>Lowest and highest packet index reported, to be checked against the records read.</summary>
    public long MinPacketIndex { get; private set; } = long.MaxValue;

    public long MaxPacketIndex { get; private set; } = long.MinValue;

    public List<string> Violations { get; } = [];

    public void OnExchange(AnalyzedExchange exchange)
    {
        Exchanges++;
        var e = exchange.Exchange;
        Check(e.Request is not null || e.Response is not null, "an exchange with neither request nor response");
        Check(e.RequestBody.Data.Length <= maxBodyBytes && e.ResponseBody.Data.Length <= maxBodyBytes, "a stored body beyond the cap");
        Check(e.RequestBody.Size >= e.RequestBody.Data.Length && e.ResponseBody.Size >= e.ResponseBody.Data.Length, "a body smaller than what it stored");
        Check((e.Request?.Headers.Count ?? 0) <= HttpParserOptions.DefaultMaxHeaderCount
            && (e.Response?.Headers.Count ?? 0) <= HttpParserOptions.DefaultMaxHeaderCount, "more header lines than the limit");
        SeeIndexes(e.FirstPacketIndex, e.LastPacketIndex);
        Check(!_closed.Contains(exchange.Connection.Id), $"an exchange of connection {exchange.Connection.Id} after it was reported closed");
    }

    public void OnConnectionClosed(AnalyzedConnection connection)
    {
        Check(_closed.Add(connection.Id), $"connection {connection.Id} reported closed twice");
        Check(connection.CloseReason is not null, $"connection {connection.Id} closed without a reason");
        SeeIndexes(connection.FirstPacketIndex, connection.LastPacketIndex);
    }

    public void Check(bool condition, string violation)
    {
        if (!condition && Violations.Count < 10)
        {
            Violations.Add(violation);
        }
    }

    private void SeeIndexes(long first, long last)
    {
        MinPacketIndex = Math.Min(MinPacketIndex, Math.Min(first, last));
        MaxPacketIndex = Math.Max(MaxPacketIndex, Math.Max(first, last));
    }
}
