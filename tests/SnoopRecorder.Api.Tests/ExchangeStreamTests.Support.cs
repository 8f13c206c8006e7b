using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SnoopRecorder.Api.Tests;

public sealed partial class ExchangeStreamTests
{
    /// <summary>How long a test waits for one line of the stream or one log event before failing.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>One event of a text/event-stream: its fields, and its data parsed as JSON.</summary>
    private sealed record ServerSentEvent(string? Id, string? Type, JsonElement Data);

    /// <summary>An open GET of the stream, read line by line with a timeout on each line.</summary>
    private sealed class EventStream : IDisposable
    {
        private const string OpeningComment = ": exchanges stored after id ";

        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private EventStream(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        /// <summary>The id the stream starts after, as its opening comment says.</summary>
        public long StartsAfter { get; private set; }

        public static async Task<EventStream> OpenAsync(HttpClient client, string url, string? lastEventId = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (lastEventId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastEventId);
            }

            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
            var stream = new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
            var opening = await stream.ReadLineAsync() ?? "";
            Assert.StartsWith(OpeningComment, opening, StringComparison.Ordinal);
            stream.StartsAfter = long.Parse(opening[OpeningComment.Length..], CultureInfo.InvariantCulture);
            Assert.Equal("", await stream.ReadLineAsync());
            return stream;
        }

        /// <summary>The next line, or null at the end of the stream.</summary>
        public async Task<string?> ReadLineAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            try
            {
                return await _reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"no line from the stream in {Patience.TotalSeconds} s");
            }
        }

        /// <summary>The next event, skipping comments; fails at the end of the stream.</summary>
        public async Task<ServerSentEvent> ReadEventAsync()
        {
            string? id = null;
            string? type = null;
            string? data = null;
            while (await ReadLineAsync() is { } line)
            {
                if (line.Length == 0)
                {
                    if (data is not null)
                    {
                        return new ServerSentEvent(id, type, JsonDocument.Parse(data).RootElement.Clone());
                    }

                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
                switch (field)
                {
                    case "id": id = value; break;
                    case "event": type = value; break;
                    case "data": Assert.Null(data); data = value; break;
                    case "": break;
                    default: Assert.Fail($"unexpected field in the stream: {line}"); break;
                }
            }

            throw new InvalidOperationException("the stream ended");
        }

        public async Task<List<ServerSentEvent>> ReadEventsAsync(int count)
        {
            var events = new List<ServerSentEvent>();
            while (events.Count < count)
            {
                events.Add(await ReadEventAsync());
            }

            return events;
        }

        public void Dispose()
        {
            _reader.Dispose();
            _response.Dispose();
        }
    }

    /// <summary>Keeps every log entry of the service, and lets a test wait for one by event id.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)> _entries = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource<string>> _waiters = new();

        public IReadOnlyList<string> Errors =>
            [.. _entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception}")];

        /// <summary>The message of the first entry with this event id, logged before or after the call.</summary>
        public Task<string> WaitForAsync(int eventId) => Waiter(eventId).Task.WaitAsync(Patience);

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private TaskCompletionSource<string> Waiter(int eventId) =>
            _waiters.GetOrAdd(eventId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

        private sealed class Logger(LogCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var message = formatter(state, exception);
                capture._entries.Enqueue((category, logLevel, eventId, message, exception));
                capture.Waiter(eventId.Id).TrySetResult(message);
            }
        }
    }

    /// <summary>
    /// A clock that moves only when told: its timers fire once, when <see cref="Advance"/> passes their due time (periods
    /// are not repeated). Wall-clock time (session timestamps) still comes from the system.
    /// </summary>
    private sealed class ManualClock : TimeProvider
    {
        private readonly Lock _lock = new();
        private readonly List<ManualTimer> _timers = [];
        private readonly ConcurrentDictionary<TimeSpan, SemaphoreSlim> _created = new();
        private long _elapsedTicks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp()
        {
            lock (_lock)
            {
                return _elapsedTicks;
            }
        }

        /// <summary>Completes when a timer due after <paramref name="dueTime"/> was created, once per such timer.</summary>
        public async Task TimerCreatedAsync(TimeSpan dueTime)
        {
            if (!await Created(dueTime).WaitAsync(Patience))
            {
                throw new TimeoutException($"no timer of {dueTime} created in {Patience.TotalSeconds} s");
            }
        }

        public void Advance(TimeSpan by)
        {
            List<ManualTimer> due;
            lock (_lock)
            {
                _elapsedTicks += by.Ticks;
                due = [.. _timers.Where(t => t.DueTicks <= _elapsedTicks)];
                _timers.RemoveAll(due.Contains);
            }

            foreach (var timer in due)
            {
                timer.Fire();
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            timer.Change(dueTime, period);
            Created(dueTime).Release();
            return timer;
        }

        private SemaphoreSlim Created(TimeSpan dueTime) => _created.GetOrAdd(dueTime, _ => new SemaphoreSlim(0));

        private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
        {
            public long DueTicks { get; private set; }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (clock._lock)
                {
                    clock._timers.Remove(this);
                    if (dueTime != Timeout.InfiniteTimeSpan)
                    {
                        DueTicks = clock._elapsedTicks + dueTime.Ticks;
                        clock._timers.Add(this);
                    }
                }

                return true;
            }

            public void Fire() => callback(state);

            public void Dispose()
            {
                lock (clock._lock)
                {
                    clock._timers.Remove(this);
                }
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
