using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Tests.Export;

/// <summary>
/// Drives a <see cref="TcpStreamRebuilder"/> with segments of one client/server pair, as a capture would: each call is
/// a captured packet, one millisecond after the previous unless told otherwise.
/// </summary>
internal sealed class ReassembledTcp
{
    public const long StartNs = 1_700_000_000_000_000_000;
    public const long Millisecond = 1_000_000;

    private long _index;

    public ReassembledTcp(bool ipv6 = false)
    {
        Client = new(IpAddressValue.Parse(ipv6 ? "2001:db8::1" : "10.0.0.1"), 40000);
        Server = new(IpAddressValue.Parse(ipv6 ? "2001:db8::2" : "10.0.0.2"), 80);
        Rebuilder = new TcpStreamRebuilder(Log);
    }

    public TcpEndpoint Client { get; }

    public TcpEndpoint Server { get; }

    public ReassembledFrameLog Log { get; } = new();

    public TcpStreamRebuilder Rebuilder { get; }

    public List<ReassembledFrame> Frames => Log.Frames;

    /// <summary>Packet time of the last packet fed.</summary>
    public long NowNs { get; private set; } = StartNs;

    public ReassembledTcp FromClient(uint seq, uint ack, TcpFlags flags, byte[]? payload = null, long afterMs = 1) =>
        Feed(Client, Server, seq, ack, flags, payload, afterMs);

    public ReassembledTcp FromServer(uint seq, uint ack, TcpFlags flags, byte[]? payload = null, long afterMs = 1) =>
        Feed(Server, Client, seq, ack, flags, payload, afterMs);

    /// <summary>A captured packet; <paramref name="declaredLength"/> above the payload's length: the snapshot length cut it.</summary>
    public ReassembledTcp Feed(TcpEndpoint from, TcpEndpoint to, uint seq, uint ack, TcpFlags flags, byte[]? payload, long afterMs = 1, int declaredLength = -1)
    {
        NowNs += afterMs * Millisecond;
        var segment = new TcpSegment(from, to, seq, ack, flags, payload ?? [], originalPayloadLength: declaredLength);
        Rebuilder.Process(segment, NowNs, _index++);
        return this;
    }

    /// <summary>Lets packet time pass without packets (holes time out).</summary>
    public ReassembledTcp Wait(long milliseconds)
    {
        NowNs += milliseconds * Millisecond;
        Rebuilder.Advance(NowNs);
        return this;
    }

    public ReassembledTcp Finish()
    {
        Rebuilder.Finish(NowNs);
        return this;
    }

    /// <summary>A standard handshake: client ISN <paramref name="clientIsn"/>, server ISN <paramref name="serverIsn"/>.</summary>
    public ReassembledTcp Handshake(uint clientIsn, uint serverIsn) =>
        FromClient(clientIsn, 0, TcpFlags.Syn)
            .FromServer(serverIsn, clientIsn + 1, TcpFlags.Syn | TcpFlags.Ack)
            .FromClient(clientIsn + 1, serverIsn + 1, TcpFlags.Ack);

    public static byte[] Bytes(int length, int seed = 0) => [.. Enumerable.Range(seed, length).Select(i => (byte)('a' + (i % 26)))];

    public static byte[] Text(string text) => System.Text.Encoding.ASCII.GetBytes(text);
}
