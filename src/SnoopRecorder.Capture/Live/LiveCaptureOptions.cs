namespace SnoopRecorder.Capture.Live;

/// <summary>What to open in the target namespace and how.</summary>
public sealed record LiveCaptureOptions
{
    public const string AnyInterface = "any";
    public const int DefaultSnapLength = 262_144;

    /// <summary>An interface of the target namespace, or <c>any</c> (Linux cooked capture of all of them).</summary>
    public string Interface { get; init; } = AnyInterface;

    /// <summary>A BPF expression (pcap-filter(7)), or null for every packet.</summary>
    public string? Filter { get; init; }

    public int SnapLength { get; init; } = DefaultSnapLength;

    /// <summary>
    /// libpcap's ring buffer in the kernel (<c>pcap_set_buffer_size</c>). Large, because a burst that fills it is
    /// dropped by the kernel before the service sees it; tcpdump's default is 2 MiB.
    /// </summary>
    public int KernelBufferBytes { get; init; } = 32 << 20;
}
