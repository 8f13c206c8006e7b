namespace SnoopRecorder.Api.Tests.Security;

/// <summary>
/// The system clock, except that the wall-clock time (<see cref="TimeProvider.GetUtcNow"/>) moves only when told to:
/// ticket expiries without waiting for them. Timestamps and timers stay the system's.
/// </summary>
internal sealed class SteppedClock : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }
}
