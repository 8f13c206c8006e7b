using System.Buffers;
using System.Threading.Channels;
using SnoopRecorder.Capture.Namespaces;
using SnoopRecorder.Capture.Targets;

namespace SnoopRecorder.Capture.Live;

/// <summary>
/// A live capture on a thread of its own: the thread enters the target's network namespace only to open the libpcap
/// handle, then reads packets and copies each into a pooled buffer on a bounded channel. It never parses, locks or
/// blocks on the consumer: when the consumer falls behind, packets are dropped and counted.
/// </summary>
public sealed class LiveCapture : IDisposable
{
    /// <summary>The most packets waiting for the consumer (a byte budget applies too).</summary>
    public const int MaxQueuedPackets = 65_536;

    // How often the kernel's drop counter is read (pcap_stats), from the capture thread that owns the handle.
    private const long StatisticsIntervalMilliseconds = 250;

    private readonly NetworkNamespace? _target;
    private readonly LiveCaptureOptions _options;
    private readonly Channel<CapturedPacket> _channel = Channel.CreateBounded<CapturedPacket>(
        new BoundedChannelOptions(MaxQueuedPackets) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private readonly Lock _deviceLock = new();
    private LiveCaptureDevice? _device;
    private bool _deviceClosed;
    private volatile bool _stopping;
    private long _queuedBytes;
    private long _queueDropped;
    private long _kernelDropped;
    private volatile string? _error;

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

    public ChannelReader<CapturedPacket> Packets => _channel.Reader;

    /// <summary>Packets the kernel dropped because libpcap's buffer was full.</summary>
    public long KernelDropped => Interlocked.Read(ref _kernelDropped);

    /// <summary>Packets dropped because the consumer had fallen behind by <see cref="LiveCaptureOptions.MaxQueuedBytes"/>.</summary>
    public long QueueDropped => Interlocked.Read(ref _queueDropped);

    /// <summary>libpcap's error when the capture ended by itself (the interface went away), else null.</summary>
    public string? Error => _error;

    /// <summary>Opens the handle on a new capture thread and starts reading; returns once the handle is open.</summary>
    /// <param name="target">The namespace to capture in; null for the service's own.</param>
    /// <param name="options">Interface, filter and sizes.</param>
    /// <param name="threadName">The capture thread's name, for debuggers and <c>top -H</c>.</param>
    /// <exception cref="TargetException">The handle could not be opened (interface, filter, privileges).</exception>
    public static async Task<LiveCapture> StartAsync(NetworkNamespace? target, LiveCaptureOptions options, string threadName)
    {
        var capture = new LiveCapture(target, options, threadName);
        capture._thread.Start();
        await capture._opened.Task.ConfigureAwait(false);
        return capture;
    }

    /// <summary>Asks the capture thread to end; the channel completes once it has.</summary>
    public void Stop()
    {
        _stopping = true;
        lock (_deviceLock)
        {
            if (_device is { } device && !_deviceClosed)
            {
                device.Interrupt();
            }
        }
    }

    /// <summary>Hands a consumed packet's buffer back.</summary>
    public void Release(in CapturedPacket packet)
    {
        Interlocked.Add(ref _queuedBytes, -packet.Length);
        ArrayPool<byte>.Shared.Return(packet.Buffer);
    }

    /// <summary>Stops the capture, waits for its thread and returns the buffers nobody consumed.</summary>
    public void Dispose()
    {
        Stop();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        while (_channel.Reader.TryRead(out var packet))
        {
            Release(packet);
        }
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
            _channel.Writer.TryComplete();
            _opened.SetException(e);
            return;
        }

        LinkType = device.LinkType;
        NamespaceInode = device.NamespaceInode;
        lock (_deviceLock)
        {
            _device = device;
        }

        _opened.SetResult();
        try
        {
            ReadLoop(device);
        }
        catch (Exception e)
        {
            _error = $"the capture failed: {e.Message}";
        }
        finally
        {
            lock (_deviceLock)
            {
                _deviceClosed = true;
                device.Dispose();
            }

            _channel.Writer.TryComplete();
        }
    }

    private void ReadLoop(LiveCaptureDevice device)
    {
        var statisticsDue = Environment.TickCount64 + StatisticsIntervalMilliseconds;
        while (!_stopping)
        {
            switch (device.ReadNext(out var data, out var wireLength, out var timestampNs))
            {
                case LiveReadStatus.Packet:
                    Enqueue(data, wireLength, timestampNs);
                    break;
                case LiveReadStatus.Error:
                    // The interface went away (its container stopped) or the socket failed.
                    _error = device.LastError;
                    _stopping = true;
                    break;
                case LiveReadStatus.Stopped:
                    _stopping = true;
                    break;
            }

            var now = Environment.TickCount64;
            if (now >= statisticsDue || _stopping)
            {
                statisticsDue = now + StatisticsIntervalMilliseconds;
                if (device.ReadKernelDropped() is { } dropped)
                {
                    Interlocked.Exchange(ref _kernelDropped, dropped);
                }
            }
        }
    }

    private void Enqueue(ReadOnlySpan<byte> data, int wireLength, long timestampNs)
    {
        if (Interlocked.Add(ref _queuedBytes, data.Length) > _options.MaxQueuedBytes)
        {
            Interlocked.Add(ref _queuedBytes, -data.Length);
            Interlocked.Increment(ref _queueDropped);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(data.Length, 1));
        data.CopyTo(buffer);
        if (!_channel.Writer.TryWrite(new CapturedPacket(buffer, data.Length, wireLength, timestampNs)))
        {
            Release(new CapturedPacket(buffer, data.Length, wireLength, timestampNs));
            Interlocked.Increment(ref _queueDropped);
        }
    }
}
