
namespace SnoopRecorder.Packets;

/// <summary>
/// Connection table key: the VLAN and the unordered pair of endpoints, so both directions find the same entry.
/// The lower endpoint always comes first.
/// </summary>
internal readonly struct ConnectionKey : IEquatable<ConnectionKey>
{
    private readonly TcpEndpoint _low;
    private readonly TcpEndpoint _high;
    private readonly int _vlan;

    private ConnectionKey(TcpEndpoint low, TcpEndpoint high, int vlan)
    {
        _low = low;
        _high = high;
        _vlan = vlan;
    }

    public static ConnectionKey Create(TcpEndpoint source, TcpEndpoint destination, int vlan) =>
        Compare(source, destination) <= 0 ? new(source, destination, vlan) : new(destination, source, vlan);

    /// <summary>The same endpoint pair without its VLAN: finds a connection whose other direction is tagged differently.</summary>
    public ConnectionKey WithoutVlan() => new(_low, _high, 0);

    public bool Equals(ConnectionKey other) =>
        _low.Port == other._low.Port && _high.Port == other._high.Port && _vlan == other._vlan
        && _low.Address.Equals(other._low.Address) && _high.Address.Equals(other._high.Address);

    public override bool Equals(object? obj) => obj is ConnectionKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_low.Address, _high.Address, _low.Port | (_high.Port << 16), _vlan);

    private static int Compare(TcpEndpoint a, TcpEndpoint b)
    {
        var byAddress = a.Address.CompareTo(b.Address);
        return byAddress != 0 ? byAddress : a.Port.CompareTo(b.Port);
    }
}
