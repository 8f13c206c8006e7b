using System.Text;

namespace SnoopRecorder.Packets.Tests.TestSupport;

/// <summary>A real handler that keeps every call, in order, and checks the interface contract as it goes.</summary>
internal sealed class RecordingStreamHandler(TcpConnectionInfo connection) : ITcpStreamHandler
{
    private readonly List<byte>[] _streams = [[], []];
    private readonly bool[] _ended = new bool[2];
    private readonly long[] _announced = new long[2];

    public TcpConnectionInfo Connection { get; } = connection;

    public List<StreamEvent> Events { get; } = [];

    /// <summary>The acknowledgment passed with each <see cref="OnData"/>, in order, with the bytes it came with.</summary>
    public List<(TcpDirection Direction, string Data, long Acknowledged)> Acknowledgments { get; } = [];

    public bool Closed { get; private set; }

    public TcpCloseReason? ClosedWith { get; private set; }

    public byte[] Stream(TcpDirection direction) => [.. _streams[(int)direction]];

    public string Text(TcpDirection direction) => Encoding.Latin1.GetString(Stream(direction));

    public long GapBytes(TcpDirection direction) => Events.Where(e => e.Kind == StreamEventKind.Gap && e.Direction == direction).Sum(e => e.Length);

    public bool Ended(TcpDirection direction) => _ended[(int)direction];

    /// <summary>Compact transcript: "I:data(abc)", "R:gap(5)", "I:conflict(3)", "I:end", "closed(Fin)".</summary>
    public string Transcript => string.Join(" ", Events.Select(e => e.ToString()));

    public void OnData(TcpDirection direction, ReadOnlySpan<byte> data, long timestampNs, long packetIndex, long acknowledged)
    {
        if (_announced[(int)direction] != 0)
        {
            Assert.Equal(_announced[(int)direction], data.Length);
            _announced[(int)direction] = 0;
        }

        CheckOpen(direction);
        Assert.False(data.IsEmpty, "OnData with no bytes");

        _streams[(int)direction].AddRange(data.ToArray());
        Acknowledgments.Add((direction, Encoding.Latin1.GetString(data), acknowledged));
        Events.Add(new StreamEvent(StreamEventKind.Data, direction, data.Length, Encoding.Latin1.GetString(data), timestampNs, packetIndex));
    }

    public void OnGap(TcpDirection direction, long length, long timestampNs, long packetIndex)
    {
        CheckOpen(direction);
        Assert.True(length > 0, "OnGap with no length");
        Events.Add(new StreamEvent(StreamEventKind.Gap, direction, length, null, timestampNs, packetIndex));
    }

    public void OnConflict(TcpDirection direction, long length, long timestampNs, long packetIndex)
    {
        CheckOpen(direction);
        Assert.True(length > 0, "OnConflict with no length");
        _announced[(int)direction] = length;
        Events.Add(new StreamEvent(StreamEventKind.Conflict, direction, length, null, timestampNs, packetIndex));
    }

    public void OnEnd(TcpDirection direction, long timestampNs, long packetIndex)
    {
        CheckOpen(direction);
        _ended[(int)direction] = true;
        Events.Add(new StreamEvent(StreamEventKind.End, direction, 0, null, timestampNs, packetIndex));
    }

    public void OnClosed(TcpConnectionInfo connection)
    {
        Assert.False(Closed, "OnClosed twice");
        Assert.Same(Connection, connection);
        Assert.NotNull(connection.CloseReason);
        Closed = true;
        ClosedWith = connection.CloseReason;
        Events.Add(new StreamEvent(StreamEventKind.Closed, TcpDirection.FromInitiator, 0, connection.CloseReason.ToString(), 0, 0));
    }

    private void CheckOpen(TcpDirection direction)
    {
        Assert.False(Closed, "call after OnClosed");
        Assert.False(_ended[(int)direction], $"call for {direction} after its OnEnd");
        Assert.True(_announced[(int)direction] == 0, $"OnConflict for {direction} not followed by the OnData of its bytes");
    }
}
