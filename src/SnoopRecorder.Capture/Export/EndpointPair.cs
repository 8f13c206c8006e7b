using SnoopRecorder.Packets;

namespace SnoopRecorder.Capture.Export;

/// <summary>The unordered pair of a connection's endpoints (the lower first), so both directions find one key.</summary>
internal readonly record struct EndpointPair
{
    private EndpointPair(TcpEndpoint low, TcpEndpoint high)
    {
        Low = low;
        High = high;
    }

    public TcpEndpoint Low { get; }

    public TcpEndpoint High { get; }

    public static EndpointPair Of(TcpEndpoint a, TcpEndpoint b) => Compare(a, b) <= 0 ? new(a, b) : new(b, a);

    private static int Compare(TcpEndpoint a, TcpEndpoint b)
    {
        var byAddress = a.Address.CompareTo(b.Address);
        return byAddress != 0 ? byAddress : a.Port.CompareTo(b.Port);
    }
}
