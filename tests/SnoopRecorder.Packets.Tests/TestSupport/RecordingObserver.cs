
namespace SnoopRecorder.Packets.Tests.TestSupport;

/// <summary>Hands every connection a <see cref="RecordingStreamHandler"/> and keeps them in opening order.</summary>
internal sealed class RecordingObserver : ITcpConnectionObserver
{
    public List<RecordingStreamHandler> Connections { get; } = [];

    public RecordingStreamHandler Single => Assert.Single(Connections);

    public ITcpStreamHandler OnConnectionOpened(TcpConnectionInfo connection)
    {
        Assert.Null(connection.CloseReason);
        var handler = new RecordingStreamHandler(connection);
        Connections.Add(handler);
        return handler;
    }
}
