namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>All real-traffic tests share one recording: nginx, the captures and the traffic run once.</summary>
[CollectionDefinition(Name)]
public sealed class RealTrafficCollection : ICollectionFixture<LoopbackTrafficRecorder>
{
    public const string Name = "Real loopback traffic";
}
