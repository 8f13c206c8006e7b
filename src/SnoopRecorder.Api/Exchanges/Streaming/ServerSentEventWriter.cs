using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SnoopRecorder.Api.Exchanges.Streaming;

/// <summary>
/// Writes the text/event-stream format (HTML Living Standard, "Server-sent events") into a response's pipe: events
/// with one JSON data line, and comments. Nothing reaches the client before <see cref="FlushAsync"/>.
/// </summary>
internal sealed class ServerSentEventWriter(PipeWriter output) : IDisposable
{
    private const int MaxInt64Digits = 20;

    private readonly Utf8JsonWriter _json = new(output);

    /// <summary>
    /// <c>id: ID</c>, <c>event: TYPE</c>, <c>data: JSON</c> and the blank line that ends an event. Serialized JSON
    /// never holds a raw line break (strings escape them), so one data line carries it whole.
    /// </summary>
    public void WriteEvent<T>(long id, ReadOnlySpan<byte> type, T data, JsonTypeInfo<T> typeInfo)
    {
        output.Write("id: "u8);
        Utf8Formatter.TryFormat(id, output.GetSpan(MaxInt64Digits), out var written);
        output.Advance(written);
        output.Write("\nevent: "u8);
        output.Write(type);
        output.Write("\ndata: "u8);
        _json.Reset(output);
        JsonSerializer.Serialize(_json, data, typeInfo);
        _json.Flush();
        output.Write("\n\n"u8);
    }

    /// <summary>A comment (<c>: TEXT</c>), which clients ignore: a heartbeat that keeps proxies from closing an idle stream.</summary>
    public void WriteComment(ReadOnlySpan<byte> text)
    {
        output.Write(": "u8);
        output.Write(text);
        output.Write("\n\n"u8);
    }

    /// <summary>Sends what was written; false when the client is gone (the pipe's reader completed, or the flush was canceled).</summary>
    public async ValueTask<bool> FlushAsync(CancellationToken cancellationToken)
    {
        var result = await output.FlushAsync(cancellationToken);
        return !result.IsCompleted && !result.IsCanceled;
    }

    public void Dispose() => _json.Dispose();
}
