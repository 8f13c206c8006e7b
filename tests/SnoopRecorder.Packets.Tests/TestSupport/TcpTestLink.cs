using System.Text;

namespace SnoopRecorder.Packets.Tests.TestSupport;

/// <summary>
/// A tracker plus a client and a server endpoint: tests write the segments each side sends, with a packet clock they
/// move explicitly.
/// </summary>
internal sealed class TcpTestLink
{
    public const long Millisecond = 1_000_000;
    public const long Second = 1_000 * Millisecond;

    public TcpTestLink(TcpReassemblyOptions? options = null, int vlan = 0)
    {
        Tracker = new TcpConnectionTracker(options ?? new TcpReassemblyOptions(), Observer);
        Vlan = vlan;
    }

    public RecordingObserver Observer { get; } = new();

    public TcpConnectionTracker Tracker { get; }

    public TcpEndpoint ClientEndpoint { get; set; } = new(IpAddressValue.Parse("10.0.0.1"), 40000);

    public TcpEndpoint ServerEndpoint { get; set; } = new(IpAddressValue.Parse("10.0.0.2"), 80);

    public int Vlan { get; set; }

    /// <summary>Packet time of the next segment, Unix nanoseconds.</summary>
    public long Now { get; set; } = 1_700_000_000 * Second;

    public long NextPacketIndex { get; private set; }

    public void Client(uint seq, uint ack, TcpFlags flags, string payload = "") =>
        Send(ClientEndpoint, ServerEndpoint, seq, ack, flags, Encoding.Latin1.GetBytes(payload));

    public void Server(uint seq, uint ack, TcpFlags flags, string payload = "") =>
        Send(ServerEndpoint, ClientEndpoint, seq, ack, flags, Encoding.Latin1.GetBytes(payload));

    public void Send(TcpEndpoint from, TcpEndpoint to, uint seq, uint ack, TcpFlags flags, byte[] payload, int originalLength = -1)
    {
        var segment = new TcpSegment(from, to, seq, ack, flags, payload, Vlan, originalLength);
        Tracker.Process(segment, Now, NextPacketIndex++);
    }

    /// <summary>SYN, SYN-ACK, ACK with the given ISNs.</summary>
    public void Handshake(uint clientIsn, uint serverIsn)
    {
        Client(clientIsn, 0, TcpFlags.Syn);
        Server(serverIsn, unchecked(clientIsn + 1), TcpFlags.Syn | TcpFlags.Ack);
        Client(unchecked(clientIsn + 1), unchecked(serverIsn + 1), TcpFlags.Ack);
    }
}
