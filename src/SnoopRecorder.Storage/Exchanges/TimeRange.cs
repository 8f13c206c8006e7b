namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// Bounds on the request time (<c>started_ns</c>, packet time in Unix nanoseconds): <see cref="FromNs"/> included,
/// <see cref="ToNs"/> excluded; a null bound is open.
/// </summary>
public sealed record TimeRange(long? FromNs, long? ToNs)
{
    public bool IsEmpty => FromNs is { } from && ToNs is { } to && from >= to;
}
