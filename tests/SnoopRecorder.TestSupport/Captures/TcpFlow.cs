using System.Net;

namespace SnoopRecorder.TestSupport.Captures;

/// <summary>
/// One TCP connection written into a <see cref="SyntheticCapture"/>: handshake, data cut into segments of
/// <see cref="SegmentSize"/> bytes with the receiver's ACK after each message, and an orderly close. Sequence numbers
/// are tracked per side; <see cref="SendAt"/> writes a segment anywhere in a side's stream (overlaps, retransmissions).
/// </summary>
public sealed class TcpFlow
{
    private const uint ClientIsn = 1_000;
    private const uint ServerIsn = 500_000;

    private readonly SyntheticCapture _capture;

    internal TcpFlow(SyntheticCapture capture, IPEndPoint client, IPEndPoint server)
    {
        _capture = capture;
        Client = client;
        Server = server;
    }

    public IPEndPoint Client { get; }

    public IPEndPoint Server { get; }

    /// <summary>Payload bytes per segment (an Ethernet MSS by default).</summary>
    public int SegmentSize { get; init; } = 1460;

    /// <summary>Stream offset of the next byte each side sends (0 is the first byte after the SYN).</summary>
    public long ClientOffset { get; private set; }

    public long ServerOffset { get; private set; }

    /// <summary>SYN, SYN-ACK, ACK.</summary>
    public TcpFlow Open()
    {
        _capture.WriteSegment(Client, Server, ClientIsn, 0, SegmentFlags.Syn, default);
        _capture.WriteSegment(Server, Client, ServerIsn, ClientIsn + 1, SegmentFlags.Syn | SegmentFlags.Ack, default);
        return Ack(byClient: true);
    }

    public TcpFlow ClientSends(ReadOnlySpan<byte> data) => Send(fromClient: true, data);

    public TcpFlow ServerSends(ReadOnlySpan<byte> data) => Send(fromClient: false, data);

    /// <summary>Sends everything <paramref name="data"/> yields, one segment at a time (bodies too large for memory).</summary>
    public TcpFlow ClientSends(Stream data) => Send(fromClient: true, data);

    public TcpFlow ServerSends(Stream data) => Send(fromClient: false, data);

    /// <summary>
    /// One segment of a side's stream at <paramref name="offset"/>, whatever was sent there before; the side's next
    /// offset moves to its end when that is further.
    /// </summary>
    public TcpFlow SendAt(bool fromClient, long offset, ReadOnlySpan<byte> payload)
    {
        var (source, target) = fromClient ? (Client, Server) : (Server, Client);
        _capture.WriteSegment(source, target, Sequence(fromClient, offset), Sequence(!fromClient, Offset(!fromClient)), SegmentFlags.Ack | SegmentFlags.Psh, payload);
        var end = offset + payload.Length;
        if (fromClient)
        {
            ClientOffset = Math.Max(ClientOffset, end);
        }
        else
        {
            ServerOffset = Math.Max(ServerOffset, end);
        }

        return this;
    }

    /// <summary>A bare ACK sent by the client (<paramref name="byClient"/>) or the server, acknowledging all the other side sent.</summary>
    public TcpFlow Ack(bool byClient)
    {
        var (source, target) = byClient ? (Client, Server) : (Server, Client);
        _capture.WriteSegment(source, target, Sequence(byClient, Offset(byClient)), Sequence(!byClient, Offset(!byClient)), SegmentFlags.Ack, default);
        return this;
    }

    /// <summary>FIN from the client, FIN-ACK from the server, last ACK.</summary>
    public TcpFlow Close()
    {
        _capture.WriteSegment(Client, Server, Sequence(true, ClientOffset), Sequence(false, ServerOffset), SegmentFlags.Fin | SegmentFlags.Ack, default);
        _capture.WriteSegment(Server, Client, Sequence(false, ServerOffset), Sequence(true, ClientOffset + 1), SegmentFlags.Fin | SegmentFlags.Ack, default);
        _capture.WriteSegment(Client, Server, Sequence(true, ClientOffset + 1), Sequence(false, ServerOffset + 1), SegmentFlags.Ack, default);
        return this;
    }

    private TcpFlow Send(bool fromClient, ReadOnlySpan<byte> data)
    {
        for (var sent = 0; sent < data.Length; sent += SegmentSize)
        {
            SendAt(fromClient, Offset(fromClient), data.Slice(sent, Math.Min(SegmentSize, data.Length - sent)));
        }

        return Ack(byClient: !fromClient);
    }

    private TcpFlow Send(bool fromClient, Stream data)
    {
        var buffer = new byte[SegmentSize];
        int read;
        while ((read = data.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
        {
            SendAt(fromClient, Offset(fromClient), buffer.AsSpan(0, read));
        }

        return Ack(byClient: !fromClient);
    }

    private long Offset(bool fromClient) => fromClient ? ClientOffset : ServerOffset;

    private static uint Sequence(bool fromClient, long offset) => unchecked((fromClient ? ClientIsn : ServerIsn) + 1 + (uint)offset);
}
