using SnoopRecorder.Packets;

namespace SnoopRecorder.Benchmarks.Traffic;

/// <summary>
/// Plays one keep-alive TCP connection between a client and a server and records its frames in send order:
/// three-way handshake, data split into MSS-sized segments (PSH on the last), a delayed ACK for every second full
/// segment received (RFC 9293 §3.8.6.3 / RFC 1122), and a FIN exchange.
/// </summary>
internal sealed class SimulatedConnection
{
    /// <summary>Payload per segment: MSS 1460 less the 12 bytes of the timestamp option.</summary>
    public const int SegmentPayload = 1448;

    private readonly TcpPeer _client;
    private readonly TcpPeer _server;
    private readonly List<byte[]> _frames = [];
    private int _unacknowledgedByClient;
    private int _unacknowledgedByServer;

    public SimulatedConnection(TcpPeer client, TcpPeer server)
    {
        _client = client;
        _server = server;
    }

    /// <summary>The frames so far, in the order the two hosts sent them.</summary>
    public IReadOnlyList<byte[]> Frames => _frames;

    /// <summary>Sum of the TCP payload bytes of both directions.</summary>
    public long PayloadBytes { get; private set; }

    public void Handshake()
    {
        Send(_client, _server, TcpFlags.Syn, EthernetFrameWriter.SynOptions(_client.TimestampValue, 0), [], acknowledgment: 0);
        Send(_server, _client, TcpFlags.Syn | TcpFlags.Ack, EthernetFrameWriter.SynOptions(_server.TimestampValue, _client.TimestampValue), []);
        SendAck(_client, _server);
    }

    public void ClientSends(ReadOnlySpan<byte> data) => SendData(_client, _server, data, ref _unacknowledgedByServer, ref _unacknowledgedByClient);

    public void ServerSends(ReadOnlySpan<byte> data) => SendData(_server, _client, data, ref _unacknowledgedByClient, ref _unacknowledgedByServer);

    /// <summary>The client closes (nginx keep-alive clients such as wrk and browsers do), the server answers with its own FIN.</summary>
    public void Close()
    {
        Send(_client, _server, TcpFlags.Fin | TcpFlags.Ack, Timestamps(_client, _server), []);
        _client.NextSequence++;
        Send(_server, _client, TcpFlags.Fin | TcpFlags.Ack, Timestamps(_server, _client), []);
        _server.NextSequence++;
        SendAck(_client, _server);
    }

    // `receiverPending` counts full segments the receiver has not acknowledged yet; the sender's own data
    // acknowledges everything it received, so its pending count resets.
    private void SendData(TcpPeer sender, TcpPeer receiver, ReadOnlySpan<byte> data, ref int receiverPending, ref int senderPending)
    {
        senderPending = 0;
        while (!data.IsEmpty)
        {
            var length = Math.Min(SegmentPayload, data.Length);
            var flags = length == data.Length ? TcpFlags.Ack | TcpFlags.Psh : TcpFlags.Ack;
            Send(sender, receiver, flags, Timestamps(sender, receiver), data[..length]);
            sender.NextSequence += (uint)length;
            PayloadBytes += length;
            data = data[length..];
            if (++receiverPending == 2)
            {
                SendAck(receiver, sender);
                receiverPending = 0;
            }
        }
    }

    private void SendAck(TcpPeer sender, TcpPeer receiver) => Send(sender, receiver, TcpFlags.Ack, Timestamps(sender, receiver), []);

    private static byte[] Timestamps(TcpPeer sender, TcpPeer receiver) =>
        EthernetFrameWriter.TimestampOptions(sender.TimestampValue, receiver.TimestampValue);

    private void Send(TcpPeer sender, TcpPeer receiver, TcpFlags flags, byte[] options, ReadOnlySpan<byte> payload, uint? acknowledgment = null)
    {
        var sequence = sender.NextSequence;
        _frames.Add(EthernetFrameWriter.Build(sender, receiver, sequence, acknowledgment ?? receiver.NextSequence, flags, options, payload));
        if ((flags & TcpFlags.Syn) != 0)
        {
            sender.NextSequence++;
        }

        sender.TimestampValue++;
    }
}
