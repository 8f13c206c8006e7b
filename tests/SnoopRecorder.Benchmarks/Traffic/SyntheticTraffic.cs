namespace SnoopRecorder.Benchmarks.Traffic;

/// <summary>
/// The capture every benchmark runs over, generated once per process by <see cref="SyntheticTrafficGenerator"/>.
/// The counts are constants because <c>OperationsPerInvoke</c> must be; <see cref="Shared"/> checks that the generator
/// still produces them, so a change to the generator fails loudly instead of skewing per-packet figures.
/// </summary>
internal sealed class SyntheticTraffic
{
    /// <summary>Frames in the capture (every one a TCP segment).</summary>
    public const int FrameCount = 26_875;

    /// <summary>Frames that carry TCP payload: the chunks the reassembler hands to HTTP when nothing is out of order.</summary>
    public const int DataFrameCount = 18_953;

    public const int Connections = 64;

    public const int ExchangesPerConnection = 40;

    public const int Exchanges = Connections * ExchangesPerConnection;

    private static readonly Lazy<SyntheticTraffic> LazyShared = new(Create);

    public SyntheticTraffic(CapturedFrames frames, long payloadBytes, int dataFrames)
    {
        Frames = frames;
        PayloadBytes = payloadBytes;
        DataFrames = dataFrames;
    }

    public static SyntheticTraffic Shared => LazyShared.Value;

    public CapturedFrames Frames { get; }

    /// <summary>TCP payload bytes of all connections, both directions: what reassembly must deliver.</summary>
    public long PayloadBytes { get; }

    public int DataFrames { get; }

    private static SyntheticTraffic Create()
    {
        var traffic = SyntheticTrafficGenerator.Generate(Connections, ExchangesPerConnection);
        if (traffic.Frames.Count != FrameCount || traffic.DataFrames != DataFrameCount)
        {
            throw new InvalidOperationException(
                $"The generator produced {traffic.Frames.Count} frames ({traffic.DataFrames} with data); update "
                + $"{nameof(FrameCount)} and {nameof(DataFrameCount)} so per-packet figures stay per packet.");
        }

        return traffic;
    }
}
