namespace SnoopRecorder.Packets;

/// <summary>Limits and timeouts of <see cref="TcpConnectionTracker"/>. All times are packet time.</summary>
public sealed class TcpReassemblyOptions
{
    public const int DefaultMaxConnections = 100_000;
    public const int DefaultMaxOutOfOrderBytesPerDirection = 1 << 20;
    public const int DefaultMaxOutOfOrderSegmentsPerDirection = 512;
    public const long DefaultMaxOutOfOrderBytesTotal = 256L << 20;

    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan DefaultAckedHoleTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Connections held at once (open ones and closed ones still absorbing trailing packets); beyond it the least recently active is evicted.</summary>
    public int MaxConnections { get; init; } = DefaultMaxConnections;

    /// <summary>A connection without packets for this long is flushed and closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = DefaultIdleTimeout;

    /// <summary>Out-of-order bytes buffered per direction; beyond it the first hole becomes a gap.</summary>
    public int MaxOutOfOrderBytesPerDirection { get; init; } = DefaultMaxOutOfOrderBytesPerDirection;

    /// <summary>Out-of-order segments buffered per direction; beyond it the first hole becomes a gap.</summary>
    public int MaxOutOfOrderSegmentsPerDirection { get; init; } = DefaultMaxOutOfOrderSegmentsPerDirection;

    /// <summary>
    /// Out-of-order bytes all connections may buffer together; beyond it the direction that buffers more gives up its
    /// first hole as a gap, as at its own cap (many connections each holding up to the per-direction cap would
    /// otherwise add up without bound).
    /// </summary>
    public long MaxOutOfOrderBytesTotal { get; init; } = DefaultMaxOutOfOrderBytesTotal;

    /// <summary>
    /// How long a hole the receiver has already acknowledged (or a hole before a FIN) may stay open before it becomes a
    /// gap; tolerates captures whose packets are slightly reordered.
    /// </summary>
    public TimeSpan AckedHoleTimeout { get; init; } = DefaultAckedHoleTimeout;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1, nameof(MaxConnections));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutOfOrderBytesPerDirection, 0, nameof(MaxOutOfOrderBytesPerDirection));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutOfOrderSegmentsPerDirection, 0, nameof(MaxOutOfOrderSegmentsPerDirection));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutOfOrderBytesTotal, 0, nameof(MaxOutOfOrderBytesTotal));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleTimeout, TimeSpan.Zero, nameof(IdleTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(AckedHoleTimeout, TimeSpan.Zero, nameof(AckedHoleTimeout));
    }
}
