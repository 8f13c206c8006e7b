using SnoopRecorder.Capture.Namespaces;
using SnoopRecorder.Capture.Targets;

namespace SnoopRecorder.Capture.Live;

/// <summary>
/// A live capture on a thread of its own. The thread enters the target's network namespace only to open the libpcap
/// handle (<see cref="NamespaceWindow"/>); then it hands each packet to an <see cref="ILivePacketSink"/> — in the
/// service, an append to the session's pcap file — and nothing else, so that it keeps up with the kernel as
/// <c>tcpdump -w</c> does. Analysis happens elsewhere, from the file, and may lag under load without losing packets.
/// </summary>
public sealed class LiveCapture : IDisposable
{
    /// <summary>The sink is flushed at least this often, so readers of the file see packets soon.</summary>
    public const int FlushIntervalMilliseconds = 100;

    // How often the kernel's drop counter is read (pcap_stats), from the capture thread that owns the handle.
    private const long StatisticsIntervalMilliseconds = 250;

    // After a stop request, what the ring already holds is still taken, for at most this long.
    private const long DrainMilliseconds = 5_000;

    private readonly NetworkNamespace? _target;
    private readonly LiveCaptureOptions _options;
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _sinkReady = new();
    private readonly Thread _thread;
    private ILivePacketSink? _sink;
    private volatile bool _stopping;
    private long _stopRequestedNs;
    private long _stopRequestedTick;
    private long _kernelDropped;
    private long _packets;
    private volatile string? _error;
    private volatile bool _sinkStopped;

    private LiveCapture(NetworkNamespace? target, LiveCaptureOptions options, string threadName)
    {
        _target = target;
        _options = options;
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
    }

    /// <summary>The link type of the packets (Linux cooked v2 on <c>any</c>).</summary>
    public int LinkType { get; private set; }

    /// <summary>The inode of the namespace the handle was opened in, as the capture thread saw it from inside.</summary>
    public ulong NamespaceInode { get; private set; }

    /// <summary>Packets the kernel dropped because libpcap's buffer was full.</summary>
    public long KernelDropped => Interlocked.Read(ref _kernelDropped);

    /// <summary>Packets handed to the sink.</summary>
    public long Packets => Interlocked.Read(ref _packets);

    /// <summary>libpcap's error when the capture ended by itself (the interface went away), else null.</summary>
    public string? Error => _error;

    /// <summary>True when the capture ended because the sink refused a packet (a limit).</summary>
    public bool StoppedBySink => _sinkStopped;

    /// <summary>Completes when the capture thread has read its last packet, flushed the sink and closed the handle.</summary>
    public Task Completion => _completed.Task;

    /// <summary>
    /// Opens the handle on a new capture thread; returns once it is open. Packets wait in the kernel's ring until
    /// <see cref="Start"/> gives the sink.
    /// </summary>
    /// <param name="target">The namespace to capture in; null for the service's own.</param>
    /// <param name="options">Interface, filter and sizes.</param>
    /// <param name="threadName">The capture thread's name, for debuggers and <c>top -H</c>.</param>
    /// <exception cref="TargetException">The handle could not be opened (interface, filter, privileges).</exception>
    public static async Task<LiveCapture> OpenAsync(NetworkNamespace? target, LiveCaptureOptions options, string threadName)
    {
        var capture = new LiveCapture(target, options, threadName);
        capture._thread.Start();
        await capture._opened.Task.ConfigureAwait(false);
        return capture;
    }

    /// <summary>Starts handing packets to <paramref name="sink"/>, on the capture thread.</summary>
    public void Start(ILivePacketSink sink)
    {
        _sink = sink;
        _sinkReady.Set();
    }

    /// <summary>
    /// Asks the capture to end. Packets captured before this call that are still in the kernel's ring are taken
    /// first (for at most a few seconds), so a stop under load loses nothing already seen.
    /// </summary>
    public void Stop()
    {
        if (_stopping)
        {
            return;
        }

        Interlocked.Exchange(ref _stopRequestedNs, (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100);
        Interlocked.Exchange(ref _stopRequestedTick, Environment.TickCount64);
        _stopping = true;
        _sinkReady.Set();
    }

    /// <summary>Stops the capture and waits for its thread.</summary>
    public void Dispose()
    {
        Stop();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _sinkReady.Dispose();
    }

    private void Run()
    {
        LiveCaptureDevice device;
        try
        {
            device = LiveCaptureDevice.Open(_target, _options);
        }
        catch (Exception e)
        {
            _completed.SetResult();
            _opened.SetException(e);
            return;
        }

        LinkType = device.LinkType;
        NamespaceInode = device.NamespaceInode;
        _opened.SetResult();
        try
        {
            _sinkReady.Wait();
            if (_sink is { } sink)
            {
                try
                {
                    ReadLoop(device, sink);
                }
                finally
                {
                    sink.Flush();
                }
            }
        }
        catch (Exception e)
        {
            _error = $"the capture failed: {e.Message}";
        }
        finally
        {
            device.Dispose();
            _completed.SetResult();
        }
    }

    private void ReadLoop(LiveCaptureDevice device, ILivePacketSink sink)
    {
        var now = Environment.TickCount64;
        var flushDue = now + FlushIntervalMilliseconds;
        var statisticsDue = now + StatisticsIntervalMilliseconds;
        var unflushed = false;
        while (true)
        {
            var status = device.ReadNext(out var data, out var wireLength, out var timestampNs);
            if (status == LiveReadStatus.Packet)
            {
                // After a stop request, what the ring holds from before it is still taken.
                if (_stopping && (timestampNs > Interlocked.Read(ref _stopRequestedNs) || DrainTimeIsUp()))
                {
                    break;
                }

                Interlocked.Increment(ref _packets);
                unflushed = true;
                if (!sink.OnPacket(data, wireLength, timestampNs))
                {
                    _sinkStopped = true;
                    break;
                }
            }
            else if (status == LiveReadStatus.Error)
            {
                // The interface went away (its container stopped) or the socket failed.
                _error = device.LastError;
                break;
            }
            else if (_stopping)
            {
                // Reads do not block: nothing more in the ring means it is drained.
                break;
            }
            else
            {
                // The ring is empty: let readers see everything so far, then sleep until packets come.
                if (unflushed)
                {
                    unflushed = false;
                    flushDue = Environment.TickCount64 + FlushIntervalMilliseconds;
                    sink.Flush();
                }

                device.WaitForPackets(FlushIntervalMilliseconds);
            }

            now = Environment.TickCount64;
            if (now >= flushDue)
            {
                flushDue = now + FlushIntervalMilliseconds;
                unflushed = false;
                sink.Flush();
            }

            if (now >= statisticsDue)
            {
                statisticsDue = now + StatisticsIntervalMilliseconds;
                ReadStatistics(device);
            }
        }

        ReadStatistics(device);
    }

    private bool DrainTimeIsUp() => Environment.TickCount64 - Interlocked.Read(ref _stopRequestedTick) > DrainMilliseconds;

    private void ReadStatistics(LiveCaptureDevice device)
    {
        if (device.ReadKernelDropped() is { } dropped)
        {
            Interlocked.Exchange(ref _kernelDropped, dropped);
        }
    }
}
