using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SnoopRecorder.Api.Tests.Security;

/// <summary>Keeps every log entry the service's configured levels let through: category, event id, message and values.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId EventId, string Message)> _entries = new();

    public IReadOnlyList<(string Category, EventId EventId, string Message)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        /// <summary>The message, then every structured value (which a structured sink would keep even if the message left it out).</summary>
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : $"{state}";
            capture._entries.Enqueue((category, eventId, $"{formatter(state, exception)} [{values}] {exception}"));
        }
    }
}
